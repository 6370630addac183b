import type { Db, Tx } from '../core/db/index.ts'
import { toVersionSummary, versionSummarySelect, type VersionSummary } from './versions.ts'

/** A document's versions, newest first. */
export async function listVersions(db: Db | Tx, docName: string): Promise<VersionSummary[]> {
  const rows = await db.realtimeVersion.findMany({ where: { docName }, orderBy: { number: 'desc' }, select: versionSummarySelect })
  return rows.map(toVersionSummary)
}
