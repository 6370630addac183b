import * as Y from 'yjs'
import type { Db, Tx } from '../core/db/index.ts'
import { readStoredState, type StoredState } from './stored-state.ts'

/**
 * A document as stored, without garbage collection: deleted content stays in the document, so a
 * version's snapshot (state vector + delete set) can show it as it was, and diffs can show deletions.
 */
export function documentFromStoredState(state: StoredState): Y.Doc {
  const doc = new Y.Doc({ gc: false })
  Y.transact(doc, () => {
    if (state.snapshot) Y.applyUpdate(doc, state.snapshot.state)
    for (const row of state.updates) Y.applyUpdate(doc, row.update)
  })
  return doc
}

/** The stored document and how many update rows are waiting to be compacted into its snapshot. */
export async function loadStoredDocument(db: Db | Tx, docName: string): Promise<{ doc: Y.Doc; tail: number }> {
  const state = await readStoredState(db, docName)
  return { doc: documentFromStoredState(state), tail: state.updates.length }
}

/** The stored document (empty if nothing is stored yet). Throws if it cannot be read. */
export async function loadDocument(db: Db | Tx, docName: string): Promise<Y.Doc> {
  return (await loadStoredDocument(db, docName)).doc
}
