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
const AUDIT_CHAIN_LOCK = 0x58_54_41_55 // "XTAU"

/**
 * Append an audit event inside the caller's transaction, so the record exists exactly when the change
 * does. Call it as the last statement of the transaction: the chain lock is held until commit.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`
  const last = await tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } })
  const prevHash = last?.hash ?? GENESIS_HASH
  const row = {
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
  await tx.auditEvent.create({
    data: { ...row, details: (row.details ?? undefined) as Prisma.InputJsonValue | undefined, prevHash, hash: chainHash(prevHash, row) },
  })
}

