import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import { chainHash, GENESIS_HASH } from './chain.ts'
import { AUDIT_CHAIN_LOCK, auditRow, type AuditEntry } from './record-audit.ts'

const MAX_ATTEMPTS = 50
// The last head this process saw: right most of the time when the platform is quiet, so one round trip.
let lastHead: string | null = null

/**
 * An audit record that belongs to no change of data (a micro-app's bridge call that only reads), written
 * on its own in one statement (`xietong_audit_append`, migration 20261207231200_audit_chain_head): the
 * record is hashed against the head this process last saw; the function takes the chain lock, appends
 * if the head is still that one, and otherwise answers the head to hash against and try again. The
 * lock is held for that one statement, not for the four round trips of a transaction around recordAudit.
 * Records that go with a change stay in the change's transaction (recordAudit).
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const prevHash = lastHead ?? GENESIS_HASH
    const row = auditRow(entry)
    const hash = chainHash(prevHash, row)
    const { details, ...fields } = row
    // JSON null would be stored as a JSON value; an absent key is SQL NULL, as recordAudit stores it.
    const record = { ...fields, ...(details === null ? {} : { details }), occurredAt: row.occurredAt.toISOString(), prevHash, hash }
    const [answer] = await db.$queryRaw<{ head: string | null }[]>`
      SELECT xietong_audit_append(${AUDIT_CHAIN_LOCK}::bigint, ${lastHead}::text, ${JSON.stringify(record)}::jsonb) AS head`
    if (answer!.head === null) {
      lastHead = hash
      return
    }
    lastHead = answer!.head === '' ? null : answer!.head
  }
  throw new AppError('internal')
}
