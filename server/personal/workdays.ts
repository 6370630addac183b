import type { Db, Tx } from '../core/db/index.ts'
import { datesFrom, dayKindOf, shanghaiInstant, yearOf, type OfficialDays } from '../core/clock.ts'
import { officialDaysFor } from '../duty/index.ts'

export type LeavePeriod = { startDate: string; startHalf: 'AM' | 'PM'; endDate: string; endHalf: 'AM' | 'PM' }

/**
 * Working half-days in a leave on the official calendar (the one server/duty keeps: holidays off,
 * 调休 Saturdays worked). A leave from Tuesday afternoon to Wednesday morning is 2 half-days; a holiday
 * or weekend inside it counts nothing.
 */
export function countHalfDays(period: LeavePeriod, official: OfficialDays): number {
  let halves = 0
  for (const date of datesFrom(period.startDate, period.endDate)) {
    if (dayKindOf(date, official) !== 'workday') continue
    halves += 2
    if (date === period.startDate && period.startHalf === 'PM') halves--
    if (date === period.endDate && period.endHalf === 'AM') halves--
  }
  return Math.max(0, halves)
}

export async function leaveHalfDays(db: Db | Tx, period: LeavePeriod): Promise<number> {
  const years = [yearOf(period.startDate), yearOf(period.endDate)]
  return countHalfDays(period, await officialDaysFor(db, years))
}

/** The instants a leave covers: a morning ends at 12:00 Beijing, an afternoon starts then. */
export function leaveInstants(period: LeavePeriod): { startsAt: Date; endsAt: Date } {
  return {
    startsAt: shanghaiInstant(period.startDate, period.startHalf === 'PM' ? 12 * 60 : 0),
    endsAt: shanghaiInstant(period.endDate, period.endHalf === 'AM' ? 12 * 60 : 24 * 60),
  }
}

/** Half-days written as days: 3 → "1.5". */
export const asDays = (halves: number) => (halves / 2).toString()
