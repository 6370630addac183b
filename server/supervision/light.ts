import { Prisma } from '../core/db/index.ts'
import { days } from '../core/clock.ts'
import { config } from '../core/config.ts'

export type Light = 'green' | 'yellow' | 'red'
export const lights: readonly Light[] = ['green', 'yellow', 'red']

type Lit = { status: string; deadline: Date; nextReportDueAt: Date | null; completedAt?: Date | null }

/**
 * The light rule (红黄绿灯), the one rule lists, pages, charts and the urging sweep use:
 * red when the deadline has passed; yellow when it is within N days (SUPERVISION_YELLOW_DAYS) or a
 * progress report is late; green otherwise. A completed item is green (it counts as late in the
 * rankings, not here). `lightBounds` gives the two instants the rule compares with; `lightSql` is the
 * same rule as SQL for aggregates.
 */
export function lightBounds(now: Date, yellowDays = config().SUPERVISION_YELLOW_DAYS) {
  return { now, yellowFrom: new Date(now.getTime() + days(yellowDays)) }
}

export function lightOf(item: Lit, now: Date, yellowDays?: number): Light {
  if (item.status === 'COMPLETED') return 'green'
  const b = lightBounds(now, yellowDays)
  if (item.deadline.getTime() < b.now.getTime()) return 'red'
  if (item.deadline.getTime() <= b.yellowFrom.getTime()) return 'yellow'
  if (item.nextReportDueAt && item.nextReportDueAt.getTime() < b.now.getTime()) return 'yellow'
  return 'green'
}

/** `lightOf` as a SQL expression over the item alias `i` (same bounds, same order of tests). */
export function lightSql(now: Date, yellowDays?: number): Prisma.Sql {
  const b = lightBounds(now, yellowDays)
  return Prisma.sql`CASE
    WHEN i.status = 'COMPLETED' THEN 'green'
    WHEN i.deadline < ${b.now} THEN 'red'
    WHEN i.deadline <= ${b.yellowFrom} THEN 'yellow'
    WHEN i."nextReportDueAt" IS NOT NULL AND i."nextReportDueAt" < ${b.now} THEN 'yellow'
    ELSE 'green' END`
}

/** A Prisma condition for one light (list filters), from the same bounds. */
export function lightWhere(light: Light, now: Date, yellowDays?: number): Prisma.SupervisionItemWhereInput {
  const b = lightBounds(now, yellowDays)
  const open = { status: { not: 'COMPLETED' as const } }
  if (light === 'red') return { ...open, deadline: { lt: b.now } }
  if (light === 'yellow') return { ...open, deadline: { gte: b.now }, OR: [{ deadline: { lte: b.yellowFrom } }, { nextReportDueAt: { lt: b.now } }] }
  return { OR: [{ status: 'COMPLETED' }, { deadline: { gt: b.yellowFrom }, OR: [{ nextReportDueAt: null }, { nextReportDueAt: { gte: b.now } }] }] }
}
