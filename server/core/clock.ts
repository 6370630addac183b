/**
 * The one source of "now" for timing rules (lockouts, session expiry, due dates), so tests can move
 * time instead of sleeping.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

let offsetMs = 0
let frozenAt: number | undefined

// e2e only (XIETONG_TEST_CLOCK=1): one browser's requests, or one job run, see time moved by an offset
// without moving it for the other tests running beside them. Held on globalThis so that Next's bundle
// and the platform's own modules share one store.
const holder = globalThis as unknown as { __xietongClockScope?: AsyncLocalStorage<number> }
const scope = (holder.__xietongClockScope ??= new AsyncLocalStorage<number>())

export const clock = {
  now(): Date {
    return new Date(frozenAt ?? Date.now() + (scope.getStore() ?? offsetMs))
  },
  /** Run `fn` (and everything it awaits) with the clock moved by `ms`. Tests only. */
  shifted<T>(ms: number, fn: () => T): T {
    return scope.run(ms, fn)
  },
  /** Tests only: move the clock forward. */
  advance(ms: number): void {
    if (frozenAt !== undefined) frozenAt += ms
    else offsetMs += ms
  },
  /** Tests only: stop the clock at a given instant. */
  freeze(at: Date = new Date()): void {
    frozenAt = at.getTime()
  },
  reset(): void {
    offsetMs = 0
    frozenAt = undefined
  },
}

export const minutes = (n: number) => n * 60_000
export const hours = (n: number) => n * 3_600_000
export const days = (n: number) => n * 86_400_000

/** China keeps one zone, UTC+8 all year (no daylight saving): Asia/Shanghai. */
const SHANGHAI_OFFSET_MS = hours(8)

/** The hour (0–23) on a clock in Asia/Shanghai at `at`. */
export function shanghaiHour(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours()
}

/** Which greeting fits the time in Asia/Shanghai: 上午 5–12, 下午 12–18, 晚上 18–5 (03:00 is not morning). */
export function partOfDay(at: Date): 'morning' | 'afternoon' | 'evening' {
  const hour = shanghaiHour(at)
  return hour >= 5 && hour < 12 ? 'morning' : hour >= 12 && hour < 18 ? 'afternoon' : 'evening'
}

// ── Calendar dates in Asia/Shanghai ──
// A date is a `YYYY-MM-DD` string of the Beijing calendar (a night shift belongs to the day it starts).
// Arithmetic on dates is done on UTC midnights of those strings, which never meet a zone change.

const DATE_KEY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** Is `value` a real calendar date written `YYYY-MM-DD`? */
export function isDateKey(value: string): boolean {
  if (!DATE_KEY.test(value)) return false
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
}

/** The Beijing calendar date of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant of a wall-clock time in Beijing: `minuteOfDay` minutes after that date's midnight (may pass 24 h). */
export function shanghaiInstant(date: string, minuteOfDay = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS + minutes(minuteOfDay))
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days(n)).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / days(1))
}

/** The last millisecond of a calendar day (YYYY-MM-DD) in Asia/Shanghai: a deadline "by that day". */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS)
}

/** `date` (YYYY-MM-DD) moved by calendar months (the day clamped to the month's end). */
export function addShanghaiMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + n, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10)
}

/** Whole calendar days (Asia/Shanghai) from `from` to `to`: 0 on the same day, 1 the next day. */
export function shanghaiDaysBetween(from: Date, to: Date): number {
  return daysBetween(shanghaiDate(from), shanghaiDate(to))
}

/** The year in Asia/Shanghai at `at`. */
export function shanghaiYear(at: Date): number {
  return Number(shanghaiDate(at).slice(0, 4))
}

/** Every date from `start` to `end`, both included. */
export function datesFrom(start: string, end: string): string[] {
  const out: string[] = []
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d)
  return out
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4))
}

/** First and last day of the month `YYYY-MM`. */
export function monthBounds(month: string): { start: string; end: string } {
  const start = `${month}-01`
  const next = new Date(Date.parse(`${start}T00:00:00Z`))
  next.setUTCMonth(next.getUTCMonth() + 1)
  return { start, end: addDays(next.toISOString().slice(0, 10), -1) }
}

/**
 * The official calendar of the State Council's notice: statutory holidays (the whole period, weekends in
 * it included) and make-up working days (调休). Everything else is an ordinary week.
 */
export type OfficialDays = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> }

export type DayKind = 'workday' | 'weekend' | 'holiday'

/** What kind of day `date` is: a make-up Saturday is a working day, a holiday weekday is not. */
export function dayKindOf(date: string, official: OfficialDays): DayKind {
  if (official.holidays.has(date)) return 'holiday'
  if (official.workdays.has(date)) return 'workday'
  const weekday = weekdayOf(date)
  return weekday === 0 || weekday === 6 ? 'weekend' : 'workday'
}

/** Is `date` a working day (weekends, statutory holidays and 调休 considered)? */
export function isWorkingDay(date: string, official: OfficialDays): boolean {
  return dayKindOf(date, official) === 'workday'
}

/** The wall-clock time `HH:MM` in Beijing at `at`. */
export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16)
}

/** A minute of the day as `HH:MM` (570 → 09:30; past midnight wraps: 1950 → 08:30). */
export function wallTime(minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** `YYYY-MM-DD HH:mm` on a clock in Asia/Shanghai. */
export function formatShanghai(at: Date): string {
  return `${shanghaiDate(at)} ${shanghaiTime(at)}`
}

/** The instant a Beijing wall clock shows `date` (YYYY-MM-DD) at `time` (HH:mm), whatever the server's zone. */
export function fromShanghai(date: string, time = '00:00'): Date {
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  return shanghaiInstant(date, hh * 60 + mm)
}

/** 00:00 in Asia/Shanghai on the day `at` falls in. */
export function shanghaiDayStart(at: Date): Date {
  return shanghaiInstant(shanghaiDate(at))
}

/** 00:00 in Asia/Shanghai on the Monday of the week `at` falls in. */
export function shanghaiWeekStart(at: Date): Date {
  const date = shanghaiDate(at)
  return shanghaiInstant(addDays(date, -((weekdayOf(date) + 6) % 7)))
}

/** An instant in iCalendar's UTC form (20261204T013000Z): no time-zone table needed, right in any zone. */
export function icsUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}
