import { addDays, addShanghaiMonths, endOfShanghaiDay, monthBounds, shanghaiDate, shanghaiWeekStart } from '../core/clock.ts'

export type Cycle = 'ONCE' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY'
export type Period = { key: string; start: string; end: string }

/** ISO week number of a Monday (YYYY-MM-DD): the week belongs to the year of its Thursday. */
function isoWeek(monday: string): { year: number; week: number } {
  const thursday = addDays(monday, 3)
  const year = Number(thursday.slice(0, 4))
  const jan1 = Date.parse(`${year}-01-01T00:00:00Z`)
  return { year, week: Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / 86_400_000 / 7) + 1 }
}

/**
 * The period of a cycle that contains `at`, in Beijing time: 2026-W49 (Monday to Sunday), 2026-12,
 * 2026-Q4. Each period of a series is its own collection, keyed by this.
 */
export function periodAt(cycle: Exclude<Cycle, 'ONCE'>, at: Date): Period {
  const today = shanghaiDate(at)
  if (cycle === 'WEEKLY') {
    const start = shanghaiDate(shanghaiWeekStart(at))
    const { year, week } = isoWeek(start)
    return { key: `${year}-W${String(week).padStart(2, '0')}`, start, end: addDays(start, 6) }
  }
  if (cycle === 'MONTHLY') {
    const month = today.slice(0, 7)
    return { key: month, ...monthBounds(month) }
  }
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3)
  const start = `${today.slice(0, 4)}-${String(quarter * 3 + 1).padStart(2, '0')}-01`
  return { key: `${today.slice(0, 4)}-Q${quarter + 1}`, start, end: addDays(addShanghaiMonths(start, 3), -1) }
}

/** A period's deadline: the end of the day `deadlineDays` after its last day. */
export const periodDeadline = (p: Period, deadlineDays: number) => endOfShanghaiDay(addDays(p.end, deadlineDays))

/** How a period reads in a title: 2026年12月, 2026年第49周, 2026年第四季度. */
export function periodLabel(key: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const m = /^(\d{4})-(W(\d{2})|Q(\d)|(\d{2}))$/.exec(key)
  if (!m) return key
  const [, year, , week, quarter, month] = m
  if (locale === 'en') return week ? `${year} week ${Number(week)}` : quarter ? `${year} Q${quarter}` : `${year}-${month}`
  return week ? `${year}年第${Number(week)}周` : quarter ? `${year}年第${'一二三四'[Number(quarter) - 1]}季度` : `${year}年${Number(month)}月`
}
