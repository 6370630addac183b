'use client'

export type InboxCounts = { todo: number; toread: number }
/** `first`: the stream's first counts since the page opened it (what the page already shows). */
type Listener = (counts: InboxCounts, first: boolean) => void

let source: EventSource | null = null
let heardFirst = false
const listeners = new Set<Listener>()

/**
 * The person's one badge stream per page (`/api/inbox/stream`), shared by every badge and every live
 * page part: it says when the person's inbox changed, and modules wake it when something the person
 * watches changed (reporting's board, a meeting's roll). Closed with its last listener; the browser
 * reconnects it by itself (after a reconnect the counts come again, not as `first`: the page may have
 * missed a change meanwhile).
 */
export function subscribeInboxEvents(listener: Listener): () => void {
  listeners.add(listener)
  if (!source) {
    heardFirst = false
    source = new EventSource('/api/inbox/stream')
    source.addEventListener('count', (event) => {
      const counts = JSON.parse((event as MessageEvent<string>).data) as InboxCounts
      const first = !heardFirst
      heardFirst = true
      for (const l of listeners) l(counts, first)
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
