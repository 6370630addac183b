import type { Db, AuditOutcome } from '../db/index.ts'
import { cleanSearch } from '../text.ts'

export type AuditFilter = { action?: string; actorId?: string; outcome?: AuditOutcome; before?: bigint; limit?: number }

/** Newest first, paged by id. */
export async function listAuditEvents(db: Db, filter: AuditFilter = {}) {
  // The audit page passes the URL's filter straight in: a NUL must not reach PostgreSQL.
  const action = cleanSearch(filter.action)
  const rows = await db.auditEvent.findMany({
    where: {
      ...(action ? { action: { startsWith: action } } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.before ? { id: { lt: filter.before } } : {}),
    },
    orderBy: { id: 'desc' },
    take: Math.min(filter.limit ?? 50, 200),
  })
  return rows.map((r) => ({ ...r, id: r.id.toString() }))
}
