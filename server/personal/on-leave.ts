import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'

/**
 * Which of these people are on approved leave now (请假中), for the directory's badge. Bounded by the
 * page of people asked about; read on the (personId, startsAt) index.
 */
export async function peopleOnLeave(db: Db, personIds: readonly string[], at: Date = clock.now()): Promise<Set<string>> {
  if (personIds.length === 0) return new Set()
  const rows = await db.leaveRequest.findMany({ where: { personId: { in: [...personIds] }, status: 'APPROVED', startsAt: { lte: at }, endsAt: { gt: at } }, select: { personId: true } })
  return new Set(rows.map((r) => r.personId))
}
