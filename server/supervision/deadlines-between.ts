import type { Db } from '../core/db/index.ts'

/**
 * The open supervision items a person owns (责任人 of an accepted assignment) whose deadline or next
 * progress report falls in [from, to).
 */
export async function supervisionDeadlinesBetween(db: Db, personId: string, from: Date, to: Date) {
  const rows = await db.supervisionItem.findMany({
    where: {
      status: { in: ['IN_PROGRESS', 'COMPLETION_REQUESTED'] },
      assignments: { some: { ownerId: personId, status: 'ACCEPTED' } },
      OR: [{ deadline: { gte: from, lt: to } }, { nextReportDueAt: { gte: from, lt: to } }],
    },
    orderBy: { deadline: 'asc' },
    take: 200,
    select: { id: true, title: true, deadline: true, nextReportDueAt: true },
  })
  return rows
}
