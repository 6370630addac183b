import type { Db } from '../core/db/index.ts'
import { onInboxChanged } from '../core/events.ts'
import { logger } from '../core/logger.ts'
import { countOpenInbox } from './list-inbox.ts'

type Counts = { todo: number; toread: number }
type Watch = { subscribers: Set<(counts: Counts) => void>; counting: boolean; again: boolean; unsubscribe?: Promise<() => void> }

// One entry per person with a live badge open in this process; it goes with their last subscriber.
const watches = new Map<string, Watch>()

async function recount(db: Db, personId: string, watch: Watch): Promise<void> {
  if (watch.counting) {
    // A change while counting: one more count after this one, however many changes came.
    watch.again = true
    return
  }
  watch.counting = true
  try {
    do {
      watch.again = false
      const counts = await countOpenInbox(db, personId).catch((error: unknown) => {
        logger.warn({ err: error, personId }, 'badge count failed')
        return null
      })
      if (counts) for (const send of watch.subscribers) send(counts)
    } while (watch.again && watch.subscribers.size > 0)
  } finally {
    watch.counting = false
  }
}

/**
 * The person's open counts now, and again after every change to their inbox (any process's commit,
 * through LISTEN/NOTIFY). However many tabs the person has open in this process, a change is counted
 * once and the counts go to every tab; changes arriving while a count runs cost one more count, not
 * one each. Returns the unsubscribe function.
 */
export async function watchOpenCounts(db: Db, personId: string, send: (counts: Counts) => void): Promise<() => void> {
  let watch = watches.get(personId)
  if (!watch) {
    const created: Watch = { subscribers: new Set(), counting: false, again: false }
    watches.set(personId, (watch = created))
    created.unsubscribe = onInboxChanged(personId, () => void recount(db, personId, created))
    created.unsubscribe.catch(() => {
      if (watches.get(personId) === created) watches.delete(personId)
    })
  }
  const w = watch
  w.subscribers.add(send)
  // A count already running may have read the inbox before this subscriber's first count: one more
  // after it, so the last counts anyone receives are never older than the first.
  if (w.counting) w.again = true
  const stop = () => {
    if (!w.subscribers.delete(send) || w.subscribers.size > 0) return
    if (watches.get(personId) === w) watches.delete(personId)
    void w.unsubscribe?.then((unsubscribe) => unsubscribe(), () => undefined)
  }
  try {
    await w.unsubscribe
    // This subscriber's first counts (the others already have theirs).
    const first = await countOpenInbox(db, personId)
    if (w.subscribers.has(send)) send(first)
  } catch (error) {
    stop()
    throw error
  }
  return stop
}

/** People watched in this process (tests: none left behind). */
export function watchedPeople(): number {
  return watches.size
}
