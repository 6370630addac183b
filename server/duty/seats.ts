import { dayKindOf, datesFrom, shanghaiInstant, type OfficialDays } from '../core/clock.ts'
import type { Seat } from './schedule.ts'
import type { DutySettings } from './settings.ts'

export type PatternSpec = {
  id: string
  name: string
  startMinute: number
  durationMinutes: number
  appliesOn: 'ALL' | 'WORKDAYS' | 'OFF_DAYS' | 'HOLIDAYS'
  roles: { id: string; name: string; count: number; isLeader: boolean; eligible: readonly string[] }[]
}

export const seatKey = (patternId: string, roleId: string, date: string, slot: number) => `${patternId}|${roleId}|${date}|${slot}`

/** Does the pattern need staffing on this kind of day? */
export function patternApplies(appliesOn: PatternSpec['appliesOn'], kind: 'workday' | 'weekend' | 'holiday'): boolean {
  switch (appliesOn) {
    case 'ALL': return true
    case 'WORKDAYS': return kind === 'workday'
    case 'OFF_DAYS': return kind !== 'workday'
    case 'HOLIDAYS': return kind === 'holiday'
  }
}

/** A seat runs through the night when it goes past midnight (夜班 17:30–08:30, 24 小时). */
export const isNightShift = (p: { startMinute: number; durationMinutes: number }) => p.startMinute + p.durationMinutes > 24 * 60

export function seatWeight(kind: 'workday' | 'weekend' | 'holiday', isNight: boolean, weights: DutySettings['weights']): number {
  return Math.round(weights[kind] * (isNight ? weights.night : 1) * 100) / 100
}

/** Every seat a post's patterns need over a period, by the official calendar. */
export function buildSeats(patterns: readonly PatternSpec[], start: string, end: string, official: OfficialDays, settings: DutySettings): (Seat & { patternId: string; roleId: string; slot: number; dayKind: 'workday' | 'weekend' | 'holiday' })[] {
  const seats = []
  for (const date of datesFrom(start, end)) {
    const kind = dayKindOf(date, official)
    for (const p of patterns) {
      if (!patternApplies(p.appliesOn, kind)) continue
      const isNight = isNightShift(p)
      const startsAt = shanghaiInstant(date, p.startMinute).getTime()
      const endsAt = startsAt + p.durationMinutes * 60_000
      for (const role of p.roles) {
        for (let slot = 0; slot < role.count; slot++) {
          seats.push({
            key: seatKey(p.id, role.id, date, slot), patternId: p.id, roleId: role.id, slot, dayKind: kind,
            date, startsAt, endsAt, isNight, weight: seatWeight(kind, isNight, settings.weights), rotation: role.id, eligible: role.eligible,
          })
        }
      }
    }
  }
  return seats
}
