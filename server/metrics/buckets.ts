import { addDays, addShanghaiMonths, weekdayOf } from '../core/clock.ts'

export const periods = ['day', 'week', 'month'] as const
export type Period = (typeof periods)[number]

/** The first day of the bucket holding `day`: itself, its week's Monday, or the 1st of its month (Beijing days). */
export const bucketOf = (period: Period, day: string): string =>
  period === 'day' ? day : period === 'week' ? addDays(day, -((weekdayOf(day) + 6) % 7)) : `${day.slice(0, 7)}-01`

/** The first day of the bucket after the one starting at `start`. */
export const nextBucket = (period: Period, start: string): string =>
  period === 'day' ? addDays(start, 1) : period === 'week' ? addDays(start, 7) : addShanghaiMonths(start, 1)

/** The last day of the bucket starting at `start`. */
export const bucketEnd = (period: Period, start: string): string => addDays(nextBucket(period, start), -1)

/** How `MetricsUnitPeriod.period` names the week and month buckets. */
export const periodKey = { week: 'WEEK', month: 'MONTH' } as const
