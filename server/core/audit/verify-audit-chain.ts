import type { Db } from '../db/index.ts'
import { chainHash, GENESIS_HASH, verifyLegacyRecord } from './chain.ts'

export type ChainVerdict =
  | { isIntact: true; checked: number }
  | {
      isIntact: false
      checked: number
      /** The first record whose link does not hold. */
      brokenAt: { id: string; occurredAt: Date; action: string; reason: 'hash_mismatch' | 'link_mismatch' }
    }

/**
 * Walk the whole log in id order, in pages, recomputing every link. Each record is checked under the
 * rule it was written under (`hashVersion`): 1 strictly; 0 (before details were normalised) with
 * `verifyLegacyRecord`.
 */
export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH
  let afterId: bigint | undefined
  let checked = 0
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: pageSize,
    })
    for (const row of rows) {
      const isHashValid = row.hashVersion === 0 ? verifyLegacyRecord(row.prevHash, row, row.hash) : chainHash(row.prevHash, row) === row.hash
      const reason = row.prevHash !== prevHash ? 'link_mismatch' : !isHashValid ? 'hash_mismatch' : null
      if (reason) {
        return { isIntact: false, checked, brokenAt: { id: row.id.toString(), occurredAt: row.occurredAt, action: row.action, reason } }
      }
      prevHash = row.hash
      checked++
    }
    if (rows.length < pageSize) return { isIntact: true, checked }
    afterId = rows[rows.length - 1]!.id
  }
}
