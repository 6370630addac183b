import type { Db, AuditOutcome } from '../db/index.ts'

export type AuditFilter = { action?: string; actorId?: string; outcome?: AuditOutcome; before?: bigint; limit?: number }

/** Newest first, paged by id. */
export async function listAuditEvents(db: Db, filter: AuditFilter = {}) {
  const rows = await db.auditEvent.findMany({
    where: {
      ...(filter.action ? { action: { startsWith: filter.action } } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.before ? { id: { lt: filter.before } } : {}),
    },
    orderBy: { id: 'desc' },
    take: Math.min(filter.limit ?? 50, 200),
  })
  return rows.map((r) => ({ ...r, id: r.id.toString() }))
}
