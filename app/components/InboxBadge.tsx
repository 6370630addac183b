'use client'
import { useSyncExternalStore } from 'react'

/**
 * The live count of open items (待办 + 待阅), pushed by the server over server-sent events. One
 * EventSource per page serves every badge (sidebar and tab bar); the browser reconnects by itself.
 */
let count: number | null = null
let source: EventSource | null = null
const listeners = new Set<() => void>()

function subscribe(listener: () => void) {
  listeners.add(listener)
  if (!source) {
    source = new EventSource('/api/inbox/stream')
    source.addEventListener('count', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { todo: number; toread: number }
      count = data.todo + data.toread
      for (const l of listeners) l()
    })
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      source?.close()
      source = null
    }
  }
}

export function InboxBadge({ initial, label }: { initial: number; label: string }) {
  const live = useSyncExternalStore(subscribe, () => count ?? initial, () => initial)
  if (live === 0) return null
  return (
    <span className="nav-badge" data-testid="inbox-badge" aria-label={label.replace('{count}', String(live))}>
      {live > 99 ? '99+' : live}
    </span>
  )
}
