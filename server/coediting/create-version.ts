import * as Y from 'yjs'
import type { Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { loadDocument } from './load-document.ts'
import { bytes, lockDocumentHistory } from './stored-state.ts'
import { toVersionSummary, versionSummarySelect, type VersionKind, type VersionSummary } from './versions.ts'

export const VERSION_NAME_MAX = 200

export type NewVersion = {
  docName: string
  name: string
  kind: VersionKind
  personId: string | null
  restoredFromId?: string | null
}

/**
 * Name the document's stored state as a version, numbered 1, 2, 3… per document. Stores only a Yjs
 * snapshot (state vector + delete set): documents keep their history, so the snapshot is enough to
 * show the version later. `tx` must be a transaction: the number is taken under the document's
 * history lock, held until commit, so two versions created at once get consecutive numbers.
 */
export async function createVersion(tx: Tx, input: NewVersion): Promise<VersionSummary> {
  await lockDocumentHistory(tx, input.docName)
  return insertVersion(tx, await loadDocument(tx, input.docName), input)
}

/** Store `doc`'s state as the next version. The caller holds the document's history lock. */
export async function insertVersion(tx: Tx, doc: Y.Doc, input: NewVersion): Promise<VersionSummary> {
  const name = input.name.trim()
  if (name.length === 0 || name.length > VERSION_NAME_MAX) throw new AppError('validation', { field: 'name' })
  const last = await tx.realtimeVersion.aggregate({ where: { docName: input.docName }, _max: { number: true } })
  const row = await tx.realtimeVersion.create({
    data: {
      docName: input.docName,
      number: (last._max.number ?? 0) + 1,
      name,
      kind: input.kind,
      snapshot: bytes(Y.encodeSnapshot(Y.snapshot(doc))),
      restoredFromId: input.restoredFromId ?? null,
      createdById: input.personId,
      createdAt: clock.now(),
    },
    select: versionSummarySelect,
  })
  return toVersionSummary(row)
}
