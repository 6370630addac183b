import type { Db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { createInboxItems } from '../inbox/index.ts'
import { itemUrl, REPORT_DUE_OBJECT } from './timeline.ts'

/**
 * A progress report due within a day appears in the owner's inbox (待办 with the due time; the inbox's
 * own reminder job then mails and pushes before it, by the person's preferences). Once per report date:
 * the item's key is the date, and a report clears it.
 */
export async function remindReportsDue(db: Db): Promise<number> {
  const now = clock.now()
  const rows = await db.supervisionAssignment.findMany({
    where: { status: 'ACCEPTED', ownerId: { not: null }, item: { status: 'IN_PROGRESS', nextReportDueAt: { lte: new Date(now.getTime() + days(1)) } } },
    select: { ownerId: true, unitId: true, item: { select: { id: true, title: true, nextReportDueAt: true, priority: true } } },
    take: 20_000,
  })
  return db.$transaction((tx) => createInboxItems(tx, rows.map((r) => ({
    personId: r.ownerId!, kind: 'TODO' as const, module: 'supervision', objectType: REPORT_DUE_OBJECT, objectId: `${r.item.id}:${r.item.nextReportDueAt!.toISOString()}`,
    title: `进展反馈：${r.item.title}`, source: '督查督办', url: itemUrl(r.item.id), urgency: r.item.priority, dueAt: r.item.nextReportDueAt, unitId: r.unitId,
  }))))
}
