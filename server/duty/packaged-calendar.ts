import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'

/**
 * The State Council's holiday notices as chinese-days ships them (offline, 2004–2026). Read from the
 * package's JSON when the calendar is seeded, never fetched. The package calls every day of a year it does
 * not know an ordinary day, so only the years it lists are taken; later years are entered on the admin page.
 */
export const PACKAGED_SOURCE = 'chinese-days 1.5.7'

export type CalendarDay = { date: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }

type Data = { holidays: Record<string, string>; workdays: Record<string, string> }

let data: Data | undefined

function load(): Data {
  if (!data) {
    const file = createRequire(import.meta.url).resolve('chinese-days/dist/chinese-days.json')
    data = JSON.parse(readFileSync(file, 'utf8')) as Data
  }
  return data
}

/** "Spring Festival,春节,4" → 春节 */
const chineseName = (value: string) => value.split(',')[1] ?? value

/** The packaged years and their days, by year. */
export function packagedCalendar(): Map<number, CalendarDay[]> {
  const years = new Map<number, CalendarDay[]>()
  const { holidays, workdays } = load()
  const add = (date: string, kind: CalendarDay['kind'], value: string) => {
    const year = Number(date.slice(0, 4))
    if (!years.has(year)) years.set(year, [])
    years.get(year)!.push({ date, kind, name: chineseName(value) })
  }
  for (const [date, value] of Object.entries(holidays)) add(date, 'HOLIDAY', value)
  for (const [date, value] of Object.entries(workdays)) add(date, 'WORKDAY', value)
  for (const days of years.values()) days.sort((a, b) => (a.date < b.date ? -1 : 1))
  return years
}
