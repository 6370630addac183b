import type { Db, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'

export const versionKinds = ['MANUAL', 'STEP', 'RESTORE'] as const
/** MANUAL: someone saved it; STEP: a workflow step saved it; RESTORE: an old version made current. */
export type VersionKind = (typeof versionKinds)[number]

export type VersionSummary = {
  id: string
  docName: string
  number: number
  name: string
  kind: VersionKind
  restoredFromId: string | null
  createdById: string | null
  createdAt: Date
}

export const versionSummarySelect = {
  id: true, docName: true, number: true, name: true, kind: true, restoredFromId: true, createdById: true, createdAt: true,
} as const

export const toVersionSummary = (row: Omit<VersionSummary, 'kind'> & { kind: string }): VersionSummary => ({
  id: row.id, docName: row.docName, number: row.number, name: row.name, kind: row.kind as VersionKind,
  restoredFromId: row.restoredFromId, createdById: row.createdById, createdAt: row.createdAt,
})

/** A version of this document with its snapshot; another document's version is not found. */
export async function findVersion(db: Db | Tx, docName: string, versionId: string): Promise<VersionSummary & { snapshot: Uint8Array }> {
  const row = isUuid(versionId)
    ? await db.realtimeVersion.findFirst({ where: { id: versionId, docName }, select: { ...versionSummarySelect, snapshot: true } })
    : null
  if (!row) throw new AppError('coediting.version_not_found')
  return { ...toVersionSummary(row), snapshot: row.snapshot }
}
