import { describe, expect, it } from 'vitest'
import { addDays, datesFrom, dayKindOf, isDateKey, isWorkingDay, monthBounds, partOfDay, shanghaiDate, shanghaiHour, shanghaiInstant } from './clock.ts'

describe('clock in Asia/Shanghai', () => {
  it('reads the hour in Beijing time whatever the server’s zone, and greets by it', () => {
    // 2026-12-02 19:00 UTC is 03:00 on 12-03 in Beijing: night, not morning.
    expect(shanghaiHour(new Date('2026-12-02T19:00:00Z'))).toBe(3)
    expect(partOfDay(new Date('2026-12-02T19:00:00Z'))).toBe('evening')
    expect(partOfDay(new Date('2026-12-03T01:30:00Z'))).toBe('morning') // 09:30
    expect(partOfDay(new Date('2026-12-03T06:00:00Z'))).toBe('afternoon') // 14:00
    expect(partOfDay(new Date('2026-12-03T11:00:00Z'))).toBe('evening') // 19:00
  })
})

describe('dates in Asia/Shanghai and the official calendar', () => {
  it('reads the Beijing date of an instant and builds instants from wall time', () => {
    expect(shanghaiDate(new Date('2026-02-14T16:30:00Z'))).toBe('2026-02-15') // 00:30 on 02-15
    expect(shanghaiInstant('2026-02-15', 17 * 60 + 30).toISOString()).toBe('2026-02-15T09:30:00.000Z')
    expect(shanghaiInstant('2026-02-15', (17 * 60 + 30) + 15 * 60).toISOString()).toBe('2026-02-16T00:30:00.000Z') // 08:30 next morning
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(datesFrom('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(monthBounds('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' })
    expect(isDateKey('2026-02-29')).toBe(false)
    expect(isDateKey('2028-02-29')).toBe(true)
  })

  it('a make-up Saturday is a working day, a holiday weekday is not', () => {
    const official = { holidays: new Set(['2026-02-16', '2026-02-15']), workdays: new Set(['2026-02-14', '2026-02-28']) }
    expect(dayKindOf('2026-02-14', official)).toBe('workday') // Saturday, 调休
    expect(isWorkingDay('2026-02-16', official)).toBe(false) // Monday, 春节
    expect(dayKindOf('2026-02-15', official)).toBe('holiday')
    expect(dayKindOf('2026-02-07', official)).toBe('weekend')
    expect(isWorkingDay('2026-02-10', official)).toBe(true)
  })
})
