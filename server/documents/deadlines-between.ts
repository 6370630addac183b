import type { Db } from '../core/db/index.ts'

/** The person's pending document steps due in [from, to) (办理时限), on the (status, dueAt) index. */
export async function documentDeadlinesBetween(db: Db, personId: string, from: Date, to: Date) {
  const rows = await db.documentTask.findMany({
    where: { status: 'PENDING', dueAt: { gte: from, lt: to }, assigneeId: personId },
    orderBy: { dueAt: 'asc' },
    take: 200,
    select: { id: true, dueAt: true, document: { select: { id: true, title: true } } },
  })
  return rows.map((r) => ({ taskId: r.id, dueAt: r.dueAt!, documentId: r.document.id, title: r.document.title }))
}
