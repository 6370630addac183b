import * as Y from 'yjs'
import type { Db, Tx } from '../core/db/index.ts'
import { foldAttribution } from './attribution.ts'
import { bytes, readStoredHistoryPaged, tryLockDocumentHistory } from './stored-state.ts'

/**
 * Merge a document's update rows into its snapshot once there are at least `minUpdates` of them. The
 * snapshot is built from what is stored (not from memory), in one transaction that first folds the
 * rows' authorship into `RealtimeAttribution` and then deletes exactly the rows it merged. Returns
 * whether it compacted.
 *
 * The snapshot is the stored document encoded afresh, as loading builds it (without garbage
 * collection, so deleted content stays for versions and diffs; pending structs are kept too). That is
 * what `Y.mergeUpdates` of the rows would hold, but smaller (about 55 % on a long typed document):
 * loading merges adjacent items of one client, one keystroke each in the rows, which mergeUpdates
 * leaves apart, so cold loads read and apply less.
 */
const SLICE = 200
const MAX_BATCHES = 50
const pause = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Someone else holds the document's history lock (a workflow transition, a version): try later. */
export class HistoryBusyError extends Error {
  constructor(docName: string) {
    super(`the history of ${docName} is busy; compaction is tried again later`)
  }
}

/**
 * Compaction is background work beside people's approvals (transitions take the history lock to save
 * a version): it never waits for the lock (`pg_try_advisory_xact_lock`; busy: `HistoryBusyError`,
 * the caller tries again later), and it merges at most `batchRows` rows per transaction, so it holds
 * the lock briefly and a large backlog is worked off batch by batch instead of failing whole on the
 * transaction timeout (after which the backlog only grew). Resolves whether it compacted anything.
 */
export async function compactDocument(db: Db, docName: string, options: { minUpdates: number; batchRows?: number; timeoutMs?: number }): Promise<boolean> {
  const batchRows = options.batchRows ?? 2000
  let compacted = false
  for (let batch = 0; ; batch++) {
    const outcome = await db.$transaction((tx) => compactBatch(tx, docName, batch === 0 ? options.minUpdates : 1, batchRows), { timeout: options.timeoutMs ?? 30_000 })
    if (outcome === 'busy') {
      if (compacted) return true // the rest next time
      throw new HistoryBusyError(docName)
    }
    if (outcome === 'below') return compacted
    compacted = true
    // Rows keep arriving in a busy document: a bounded number of batches per call, the rest next time.
    if (outcome === 'done' || batch >= MAX_BATCHES) return true
  }
}

async function compactBatch(tx: Tx, docName: string, minUpdates: number, batchRows: number): Promise<'busy' | 'below' | 'more' | 'done'> {
  // Two compactions (two co-editing servers) must not both merge: the later one's snapshot would
  // be built from a state read before the earlier one deleted its rows.
  if (!(await tryLockDocumentHistory(tx, docName))) return 'busy'
  if (minUpdates > 1 && (await tx.realtimeUpdate.count({ where: { docName } })) < minUpdates) return 'below'
  const { snapshot, updates, attributions } = await readStoredHistoryPaged(tx, docName, SLICE * 5, pause, batchRows + 1)
  const more = updates.length > batchRows
  if (more) updates.length = batchRows
  if (updates.length === 0) return 'below'
  // Compaction runs beside live editing on the same thread: its CPU work is done in slices, with a
  // turn of the event loop between them, so rooms keep forwarding (one long stall was the tail of
  // the fan-out latency).
  await foldAttribution(tx, docName, attributions, updates, pause)
  const doc = new Y.Doc({ gc: false })
  if (snapshot) Y.applyUpdate(doc, snapshot.state)
  await pause()
  for (let i = 0; i < updates.length; i += SLICE) {
    Y.transact(doc, () => {
      for (const row of updates.slice(i, i + SLICE)) Y.applyUpdate(doc, row.update)
    })
    await pause()
  }
  const state = bytes(Y.encodeStateAsUpdate(doc))
  doc.destroy()
  const upToId = updates.reduce((max, u) => (u.id > max ? u.id : max), snapshot?.upToId ?? 0n)
  await tx.realtimeSnapshot.upsert({ where: { docName }, create: { docName, state, upToId }, update: { state, upToId } })
  for (let i = 0; i < updates.length; i += SLICE * 5) {
    await tx.realtimeUpdate.deleteMany({ where: { docName, id: { in: updates.slice(i, i + SLICE * 5).map((u) => u.id) } } })
    await pause()
  }
  return more ? 'more' : 'done'
}
