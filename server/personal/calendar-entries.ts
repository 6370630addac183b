import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { normaliseRule, nextStart } from './recurrence.ts'
import { calendarEntryInput, updateEntryInput, type CalendarEntryInput } from './schemas.ts'
import type { z } from 'zod'

export const ENTRY_OBJECT = 'CalendarEntry'

type Fields = z.output<typeof calendarEntryInput>

function prepare(f: Fields) {
  if (f.endsAt < f.startsAt) throw new AppError('calendar.period')
  const duration = f.endsAt.getTime() - f.startsAt.getTime()
  const repeat = f.recurrence ? normaliseRule(f.recurrence, f.startsAt, duration) : null
  return {
    title: f.title, startsAt: f.startsAt, endsAt: f.endsAt, isAllDay: f.isAllDay, location: f.location, notes: f.notes,
    recurrence: repeat?.recurrence ?? null, repeatsUntil: repeat ? repeat.repeatsUntil : f.endsAt, remindMinutes: f.remindMinutes,
    nextRemindAt: nextReminder({ startsAt: f.startsAt, recurrence: repeat?.recurrence ?? null, remindMinutes: f.remindMinutes }, clock.now()),
  }
}

/** When the next reminder of an entry is due, after `now` (null: none left). */
export function nextReminder(entry: { startsAt: Date; recurrence: string | null; remindMinutes: number | null }, now: Date): Date | null {
  if (entry.remindMinutes === null) return null
  const lead = minutes(entry.remindMinutes)
  const start = entry.recurrence ? nextStart(entry.recurrence, entry.startsAt, new Date(now.getTime() + lead)) : entry.startsAt
  if (!start) return null
  const at = new Date(start.getTime() - lead)
  return at > now ? at : null
}

/** 日程: a person's own entry (only ever theirs: nobody else reads or changes it). */
export async function createEntry(db: Db, actor: Actor, input: CalendarEntryInput, context: RequestContext) {
  const data = prepare(calendarEntryInput.parse(input))
  return db.$transaction(async (tx) => {
    const row = await tx.calendarEntry.create({ data: { ...data, personId: actor.personId } })
    await recordAudit(tx, { actor, action: 'calendar.entry_create', objectType: ENTRY_OBJECT, objectId: row.id, context })
    return { id: row.id }
  })
}

async function lockOwn(tx: Tx, actor: Actor, id: string, revision: number) {
  const [row] = await tx.$queryRaw<{ personId: string; revision: number }[]>`SELECT "personId", revision FROM "CalendarEntry" WHERE id = ${id}::uuid FOR UPDATE`
  if (!row || row.personId !== actor.personId) throw notFound()
  if (row.revision !== revision) throw new AppError('conflict')
}

export async function updateEntry(db: Db, actor: Actor, id: string, input: z.input<typeof updateEntryInput>, context: RequestContext) {
  const f = updateEntryInput.parse(input)
  const data = prepare(f)
  return db.$transaction(async (tx) => {
    await lockOwn(tx, actor, id, f.revision)
    // SEQUENCE rises so calendar apps take the change; the UID (the id) stays.
    const row = await tx.calendarEntry.update({ where: { id }, data: { ...data, revision: { increment: 1 }, sequence: { increment: 1 } } })
    await recordAudit(tx, { actor, action: 'calendar.entry_update', objectType: ENTRY_OBJECT, objectId: id, context })
    return { revision: row.revision }
  })
}

export async function deleteEntry(db: Db, actor: Actor, id: string, revision: number, context: RequestContext) {
  return db.$transaction(async (tx) => {
    await lockOwn(tx, actor, id, revision)
    await tx.calendarEntry.delete({ where: { id } })
    await recordAudit(tx, { actor, action: 'calendar.entry_delete', objectType: ENTRY_OBJECT, objectId: id, context })
    return { id }
  })
}

export async function getEntry(db: Db, actor: Actor, id: string) {
  const row = await db.calendarEntry.findFirst({ where: { id, personId: actor.personId } })
  if (!row) throw notFound()
  return row
}
