import type { Db } from '../core/db/index.ts'
import { formatShanghai, shanghaiDate } from '../core/clock.ts'
import { createInboxItems } from '../inbox/index.ts'
import { ENTRY_OBJECT, nextReminder } from './calendar-entries.ts'

/**
 * Reminders of own calendar entries that are due: one 待阅 item per occurrence (its start in the object
 * id, so a sweep run twice adds nothing), then the entry's next reminder. Reads the `nextRemindAt`
 * index only; a batch at a time.
 */
export async function remindEntries(db: Db, now: Date, batch = 200): Promise<number> {
  const due = await db.calendarEntry.findMany({ where: { nextRemindAt: { lte: now } }, orderBy: { nextRemindAt: 'asc' }, take: batch })
  let sent = 0
  for (const e of due) {
    await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ nextRemindAt: Date | null }[]>`SELECT "nextRemindAt" FROM "CalendarEntry" WHERE id = ${e.id}::uuid FOR UPDATE SKIP LOCKED`
      if (!locked?.nextRemindAt || locked.nextRemindAt > now) return
      const start = new Date(locked.nextRemindAt.getTime() + (e.remindMinutes ?? 0) * 60_000)
      sent += await createInboxItems(tx, [{
        personId: e.personId, kind: 'TO_READ', module: 'calendar', objectType: ENTRY_OBJECT, objectId: `${e.id}:${start.toISOString()}`,
        title: `日程提醒：${e.title}（${e.isAllDay ? shanghaiDate(start) : formatShanghai(start)}）`, url: `/personal/calendar?date=${shanghaiDate(start)}`, dueAt: start,
      }])
      await tx.calendarEntry.update({ where: { id: e.id }, data: { nextRemindAt: nextReminder(e, new Date(start.getTime() + 1)) } })
    })
  }
  return sent
}
