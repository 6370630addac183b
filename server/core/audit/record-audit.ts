import type { Tx } from '../db/index.ts'
import type { AuditOutcome } from '../db/index.ts'
import type { Prisma } from '../db/index.ts'
import { clock } from '../clock.ts'
import type { RequestContext } from '../request-context.ts'
import { chainHash, GENESIS_HASH, HASH_VERSION, normaliseJson } from './chain.ts'

export type AuditEntry = {
  actor: { personId: string; name: string } | null
  action: string
  objectType?: string
  objectId?: string
  outcome?: AuditOutcome
  details?: Record<string, unknown>
  context: RequestContext
}

// One fixed advisory-lock key: audit appends are serialised so each row links to the one before it.
export const AUDIT_CHAIN_LOCK = 0x58_54_41_55 // "XTAU"

/**
 * Append an audit event inside the caller's transaction, so the record exists exactly when the change
 * does. Call it as the last statement of the transaction: the chain lock is held until commit.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  // The lock, then the last hash, in one round trip (a function of the migration 20261207231200_audit_chain_head):
  // every audited action of the platform waits for this lock, so what is done while holding it counts.
  const [head] = await tx.$queryRaw<{ hash: string | null }[]>`SELECT xietong_audit_chain_head(${AUDIT_CHAIN_LOCK}::bigint) AS hash`
  const prevHash = head?.hash ?? GENESIS_HASH
  const row = auditRow(entry)
  await tx.auditEvent.create({
    data: { ...row, details: (row.details ?? undefined) as Prisma.InputJsonValue | undefined, prevHash, hash: chainHash(prevHash, row) },
  })
}

/** The fields of a record as hashed and stored (both writers: recordAudit and appendAudit). */
export function auditRow(entry: AuditEntry) {
  return {
    occurredAt: clock.now(),
    actorId: entry.actor?.personId ?? null,
    actorName: entry.actor?.name ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'SUCCESS',
    ip: entry.context.ip,
    requestId: entry.context.requestId,
    // Normalised first (Dates to ISO strings, BigInts to decimal strings…): what is hashed is exactly
    // what is stored, so the stored row re-hashes to the same value.
    details: normaliseJson(entry.details ?? null),
    hashVersion: HASH_VERSION,
  }
}

