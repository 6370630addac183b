import type { Db } from '../core/db/index.ts'
import { onInboxChanged } from '../core/events.ts'
import { logger } from '../core/logger.ts'
import { countOpenInbox, countOpenInboxes } from './list-inbox.ts'

type Counts = { todo: number; toread: number }
type Watch = { db: Db; subscribers: Set<(counts: Counts) => void>; unsubscribe?: Promise<() => void> }

// One entry per person with a live badge open in this process; it goes with their last subscriber.
const watches = new Map<string, Watch>()

/** Most people counted by one statement. */
const BATCH = 500

/**
 * Recounts are batched: every person whose inbox changed since the last batch started is counted by
 * one statement per database (a notice to 500 people is one count, not 500), on the next turn of the
 * event loop. A change while a batch runs puts the person in the next one, so the last counts sent
 * are never older than the last change; a burst of changes costs one more count, not one each.
 */
const pending = new Set<string>()
let scheduled = false
let running: Promise<void> | undefined

function recount(personId: string): void {
  pending.add(personId)
  schedule()
}

function schedule(): void {
  if (scheduled || running || pending.size === 0) return
  scheduled = true
  setImmediate(() => {
    scheduled = false
    running = countBatch().finally(() => {
      running = undefined
      schedule()
    })
  })
}

async function countBatch(): Promise<void> {
  const byDb = new Map<Db, string[]>()
  for (const personId of pending) {
    const watch = watches.get(personId)
    if (!watch) continue
    const ids = byDb.get(watch.db) ?? []
    if (ids.length >= BATCH) continue // stays pending: the next batch
    byDb.set(watch.db, [...ids, personId])
  }
  for (const ids of byDb.values()) for (const id of ids) pending.delete(id)
  for (const id of [...pending]) if (!watches.has(id)) pending.delete(id)
  await Promise.all([...byDb].map(async ([db, ids]) => {
    const counts = await countOpenInboxes(db, ids).catch((error: unknown) => {
      logger.warn({ err: error, people: ids.length }, 'badge count failed')
      return null
    })
    if (!counts) return
    for (const id of ids) {
      const c = counts.get(id)!
      for (const send of watches.get(id)?.subscribers ?? []) send(c)
    }
  }))
}

/**
 * The person's open counts now, and again after every change to their inbox (any process's commit,
 * through LISTEN/NOTIFY). However many tabs the person has open in this process, a change is counted
 * once and the counts go to every tab; changes of many people are counted together (above).
 * Returns the unsubscribe function.
 */
export async function watchOpenCounts(db: Db, personId: string, send: (counts: Counts) => void): Promise<() => void> {
  let watch = watches.get(personId)
  if (!watch) {
    const created: Watch = { db, subscribers: new Set() }
    watches.set(personId, (watch = created))
    created.unsubscribe = onInboxChanged(personId, () => recount(personId))
    created.unsubscribe.catch(() => {
      if (watches.get(personId) === created) watches.delete(personId)
    })
  }
  const w = watch
  w.subscribers.add(send)
  // A batch already running may have read the inbox before this subscriber's first count: one more
  // after it, so the last counts anyone receives are never older than the first.
  if (running) recount(personId)
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
