import { addDays, addShanghaiMonths, endOfShanghaiDay, shanghaiDate } from '../core/clock.ts'

type Cycle = { cycle: 'WEEKLY' | 'MONTHLY' | 'DATES' | 'FREE'; cycleDates: Date[]; deadline: Date }

/**
 * When the next progress report is due after `after` (the end of that day in Asia/Shanghai): a week
 * or a month on, the next listed date, or never (free reporting). Never after the item's deadline.
 */
export function nextReportDue(item: Cycle, after: Date): Date | null {
  const from = shanghaiDate(after)
  let due: Date | null = null
  if (item.cycle === 'WEEKLY') due = endOfShanghaiDay(addDays(from, 7))
  else if (item.cycle === 'MONTHLY') due = endOfShanghaiDay(addShanghaiMonths(from, 1))
  else if (item.cycle === 'DATES') due = [...item.cycleDates].sort((a, b) => a.getTime() - b.getTime()).find((d) => d.getTime() > after.getTime()) ?? null
  if (!due) return null
  return due.getTime() > item.deadline.getTime() ? item.deadline : due
}
