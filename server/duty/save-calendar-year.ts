import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { yearOf } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { dutyPolicy } from './policy.ts'
import { calendarYearInput, type CalendarYearInput } from './schemas.ts'

/**
 * Enter a year's official calendar from the State Council's notice, or correct one: the year's days are
 * replaced by these. Platform-wide (calendar.manage over the top unit).
 */
export async function saveCalendarYear(db: Db, actor: Actor, input: CalendarYearInput, context: RequestContext) {
  const fields = calendarYearInput.parse(input)
  if (!dutyPolicy.mayManageCalendar(actor)) throw new AppError('forbidden')
  const stray = fields.days.find((d) => yearOf(d.date) !== fields.year)
  if (stray) throw new AppError('duty.calendar_wrong_year', { date: stray.date, year: fields.year })
  const dates = new Set(fields.days.map((d) => d.date))
  if (dates.size !== fields.days.length) throw new AppError('duty.calendar_duplicate_date')
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT year FROM "DutyCalendarYear" WHERE year = ${fields.year} FOR UPDATE`
    const before = await tx.dutyCalendarDay.count({ where: { year: fields.year } })
    await tx.dutyCalendarYear.upsert({
      where: { year: fields.year },
      create: { year: fields.year, source: 'admin', notice: fields.notice || null, updatedById: actor.personId },
      update: { source: 'admin', notice: fields.notice || null, updatedById: actor.personId },
    })
    await tx.dutyCalendarDay.deleteMany({ where: { year: fields.year } })
    await tx.dutyCalendarDay.createMany({ data: fields.days.map((d) => ({ ...d, year: fields.year })) })
    await recordAudit(tx, {
      actor, action: 'duty.calendar_save', objectType: 'DutyCalendarYear', objectId: String(fields.year),
      details: { year: fields.year, notice: fields.notice ?? null, days: fields.days.length, before }, context,
    })
    return { year: fields.year, days: fields.days.length }
  })
}
