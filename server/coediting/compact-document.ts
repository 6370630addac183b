import * as Y from 'yjs'
import type { Db } from '../core/db/index.ts'
import { foldAttribution } from './attribution.ts'
import { bytes, lockDocumentHistory, readStoredHistoryPaged } from './stored-state.ts'

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
const pause = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function compactDocument(db: Db, docName: string, options: { minUpdates: number }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // Two compactions (two co-editing servers) must not both merge: the later one's snapshot would
    // be built from a state read before the earlier one deleted its rows.
    await lockDocumentHistory(tx, docName)
    const { snapshot, updates, attributions } = await readStoredHistoryPaged(tx, docName, SLICE * 5, pause)
    if (updates.length === 0 || updates.length < options.minUpdates) return false
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
    return true
  })
}
