import { addDays, addShanghaiMonths, isDateKey, monthBounds, weekdayOf } from '@/server/core/clock.ts'

export const views = ['agenda', 'day', 'week', 'month'] as const
export type View = (typeof views)[number]

/** The Beijing dates a view shows around `date`, and the dates its previous/next links go to. */
export function rangeOf(view: View, date: string) {
  const monday = addDays(date, -((weekdayOf(date) + 6) % 7))
  switch (view) {
    case 'day': return { from: date, to: date, prev: addDays(date, -1), next: addDays(date, 1) }
    case 'week': return { from: monday, to: addDays(monday, 6), prev: addDays(date, -7), next: addDays(date, 7) }
    case 'agenda': return { from: date, to: addDays(date, 13), prev: addDays(date, -14), next: addDays(date, 14) }
    case 'month': {
      const { start, end } = monthBounds(date.slice(0, 7))
      // Whole weeks, Monday first, so the grid is complete.
      const from = addDays(start, -((weekdayOf(start) + 6) % 7))
      const to = addDays(end, (7 - weekdayOf(end)) % 7)
      return { from, to, prev: addShanghaiMonths(start, -1), next: addShanghaiMonths(start, 1), month: date.slice(0, 7) }
    }
  }
}

export function parseView(value: unknown): View {
  return views.includes(value as View) ? (value as View) : 'agenda'
}

export function parseDate(value: unknown, today: string): string {
  return typeof value === 'string' && isDateKey(value) ? value : today
}
