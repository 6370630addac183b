import { addDays, addShanghaiMonths, endOfShanghaiDay, shanghaiDate, shanghaiInstant } from '../core/clock.ts'

/** A rating period: a quarter (2026-Q4) or a year (2026), as Asia/Shanghai days. */
export const RATING_PERIOD = /^(\d{4})(?:-Q([1-4]))?$/

export function ratingPeriodBounds(period: string): { start: Date; end: Date; from: string; to: string } | null {
  const m = RATING_PERIOD.exec(period)
  if (!m) return null
  const from = m[2] ? `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01` : `${m[1]}-01-01`
  const to = addDays(addShanghaiMonths(from, m[2] ? 3 : 12), -1)
  return { start: shanghaiInstant(from), end: endOfShanghaiDay(to), from, to }
}

/** The quarter an instant falls in (the form's default: the quarter now). */
export function quarterOf(at: Date): string {
  const [y, mo] = shanghaiDate(at).split('-')
  return `${y}-Q${Math.ceil(Number(mo) / 3)}`
}
