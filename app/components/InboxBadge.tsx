'use client'
import { useSyncExternalStore } from 'react'
import { subscribeInboxEvents } from './inbox-events.ts'

/**
 * The live count of open items (待办 + 待阅), pushed by the server over server-sent events. One
 * EventSource per page (`subscribeInboxEvents`) serves every badge (sidebar and tab bar) and every live part of the page.
 */
let count: number | null = null
const listeners = new Set<() => void>()
let stop: (() => void) | null = null

function subscribe(listener: () => void) {
  listeners.add(listener)
  stop ??= subscribeInboxEvents((data) => {
    count = data.todo + data.toread
    for (const l of listeners) l()
  })
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      stop?.()
      stop = null
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
