import type { Db, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import type { OfficialDays } from '../core/clock.ts'
import { PACKAGED_SOURCE, packagedCalendar } from './packaged-calendar.ts'

/**
 * Put the packaged years (chinese-days' offline data) into the calendar tables, once: a year already
 * there (seeded before, or entered by an administrator) is left as it is. Called at start-up.
 */
export async function ensureOfficialCalendar(db: Db | Tx): Promise<number> {
  const known = new Set((await db.dutyCalendarYear.findMany({ select: { year: true } })).map((y) => y.year))
  let added = 0
  for (const [year, days] of packagedCalendar()) {
    if (known.has(year)) continue
    await db.dutyCalendarYear.create({ data: { year, source: PACKAGED_SOURCE } })
    await db.dutyCalendarDay.createMany({ data: days.map((d) => ({ ...d, year })), skipDuplicates: true })
    added++
  }
  return added
}

/**
 * The official days of the years a period touches. A year nobody entered has no calendar: refused with
 * `duty.no_calendar` (no package knows 2027 yet, and they would silently call every day ordinary).
 */
export async function officialDaysFor(db: Db | Tx, years: readonly number[]): Promise<OfficialDays> {
  const wanted = [...new Set(years)].sort()
  const present = new Set((await db.dutyCalendarYear.findMany({ where: { year: { in: wanted } }, select: { year: true } })).map((y) => y.year))
  const missing = wanted.find((y) => !present.has(y))
  if (missing !== undefined) throw new AppError('duty.no_calendar', { year: missing })
  const days = await db.dutyCalendarDay.findMany({ where: { year: { in: wanted } }, select: { date: true, kind: true } })
  return {
    holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.date)),
  }
}

export async function listCalendarYears(db: Db) {
  const years = await db.dutyCalendarYear.findMany({ orderBy: { year: 'desc' }, include: { _count: { select: { days: true } } } })
  return years.map((y) => ({ year: y.year, source: y.source, notice: y.notice, updatedAt: y.updatedAt, days: y._count.days }))
}

export async function calendarYear(db: Db, year: number) {
  const row = await db.dutyCalendarYear.findUnique({ where: { year }, include: { days: { orderBy: { date: 'asc' } } } })
  return row ? { year: row.year, source: row.source, notice: row.notice, updatedAt: row.updatedAt, days: row.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })) } : null
}
