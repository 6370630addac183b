import { z } from 'zod'
import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { addDays, addShanghaiMonths, clock, isDateKey, shanghaiDate } from '../core/clock.ts'
import { focusScope, metricsScope, rankedUnits, type ScopeUnit } from './policy.ts'
import { bucketEnd, bucketOf, nextBucket, periodKey, periods, type Period } from './buckets.ts'

export { bucketOf, periods, type Period }

export const dashboardInput = z.object({
  period: z.enum(periods).default('day'),
  to: z.string().refine(isDateKey, 'validation.invalid').optional(),
  unitId: z.uuid().optional(),
})
export type DashboardInput = z.input<typeof dashboardInput>

/** How many buckets a period shows: 30 days, 12 weeks, 6 months. */
const SPAN: Record<Period, number> = { day: 30, week: 12, month: 6 }

const MODULES = ['documentsHandled', 'meetingsHeld', 'supervisionReports', 'messagesSent', 'appOpens'] as const
export type ModuleKey = (typeof MODULES)[number]
export const moduleKeys = MODULES

export type Bucket = {
  start: string
  /** Last day of the bucket within the range (the range ends at `to`). */
  end: string
  /** As at the bucket's last aggregated day. */
  accounts: number
  activated: number
  appsInstalled: number
  /** Distinct people active during the bucket (DAU, WAU or MAU). */
  active: number
  stepsHandled: number
  /** Mean handling time of a completed step, in hours (null: none completed). */
  stepHours: number | null
} & Record<ModuleKey, number>

export type RankingRow = { unitId: string; name: string; accounts: number; activated: number; active: number; activationRate: number; activityRate: number }

export type Dashboard = {
  period: Period
  from: string
  to: string
  scope: { id: string; name: string }[]
  focus: { id: string; name: string } | null
  buckets: Bucket[]
  ranking: RankingRow[]
  steps: { name: string; tasks: number; hours: number }[]
  /** When the aggregation last ran (null: never). */
  lastRunAt: Date | null
}

/** One collator for the ranking's ties (localeCompare with a locale builds one per call: 13 ms for 500 units). */
const byName = new Intl.Collator('zh')

const rate = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 10 : 0)

/**
 * Where a bucket's distinct actives come from. A day's `MetricsUnitDay.active` (a person counts in one unit
 * a day, so units add up); a whole week or month, `MetricsUnitPeriod` (written by the aggregation job); a
 * bucket cut short by `to` in the past (Monday to a chosen Wednesday), the daily activity rows of those days
 * — the one case that still counts people on a page load, over at most a month.
 */
type ActiveSource = { kind: 'day' } | { kind: 'period'; period: 'week' | 'month' } | { kind: 'partial'; start: string; end: string }

/** Active people per bucket start, for units matching `patterns`. */
function activesOf(db: Db, source: ActiveSource, patterns: string[], from: string, to: string) {
  if (source.kind === 'day') {
    return db.$queryRaw<{ bucket: Date; n: bigint }[]>`
      SELECT m.day AS bucket, sum(m.active) AS n FROM "MetricsUnitDay" m JOIN "Unit" u ON u.id = m."unitId"
       WHERE u.path LIKE ANY(${patterns}) AND m.day BETWEEN ${from}::date AND ${to}::date GROUP BY m.day`
  }
  if (source.kind === 'period') {
    return db.$queryRaw<{ bucket: Date; n: bigint }[]>`
      SELECT p.start AS bucket, sum(p.active) AS n FROM "MetricsUnitPeriod" p JOIN "Unit" u ON u.id = p."unitId"
       WHERE p.period = ${periodKey[source.period]}::"MetricsPeriod" AND u.path LIKE ANY(${patterns}) AND p.start BETWEEN ${from}::date AND ${to}::date
       GROUP BY p.start`
  }
  // As the job counts a bucket: each person once, in the unit of their last active day in it.
  return db.$queryRaw<{ bucket: Date; n: bigint }[]>`
    SELECT ${source.start}::date AS bucket, count(*) AS n FROM (
      SELECT DISTINCT ON ("personId") "unitId" FROM "MetricsActivity"
       WHERE day BETWEEN ${source.start}::date AND ${source.end}::date ORDER BY "personId", day DESC
    ) a JOIN "Unit" u ON u.id = a."unitId" WHERE u.path LIKE ANY(${patterns})`
}

/**
 * The dashboard's figures for the viewer's scope (or one unit in it), read only from rows the aggregation
 * job wrote: the unit rows for the range, actives per bucket (per unit and day, week or month), the
 * ranking's and the step times'. Weeks start on Monday; months are calendar months, all in Beijing days.
 */
export async function metricsDashboard(db: Db, actor: Actor, raw: DashboardInput = {}): Promise<Dashboard> {
  const input = dashboardInput.parse(raw)
  let scope = await metricsScope(db, actor)
  let focus: ScopeUnit | null = null
  if (input.unitId) ({ scope, unit: focus } = await focusScope(db, scope, input.unitId))
  const period = input.period
  // By day, the last day that is over (today's figures are still growing); weeks and months include today.
  const today = shanghaiDate(clock.now())
  const to = input.to ?? (period === 'day' ? addDays(today, -1) : today)
  const last = bucketOf(period, to)
  const from = period === 'day' ? addDays(to, -(SPAN.day - 1)) : period === 'week' ? addDays(last, -7 * (SPAN.week - 1)) : addShanghaiMonths(last, -(SPAN.month - 1))
  const { patterns } = scope
  // The last week or month is whole unless `to` cuts it short in the past (days after today have no activity).
  const isCut = period !== 'day' && to < bucketEnd(period, last) && to < today
  const whole: ActiveSource = period === 'day' ? { kind: 'day' } : { kind: 'period', period }
  const current: ActiveSource = isCut ? { kind: 'partial', start: last, end: to } : whole

  const [daily, actives, cutActives, steps, lastRun] = await Promise.all([
    db.$queryRaw<{ day: Date; accounts: bigint; activated: bigint; appsInstalled: bigint; stepsHandled: bigint; stepSeconds: bigint; documentsHandled: bigint; meetingsHeld: bigint; supervisionReports: bigint; messagesSent: bigint; appOpens: bigint }[]>`
      SELECT m.day, sum(m.accounts) AS accounts, sum(m.activated) AS activated, sum(m."appsInstalled") AS "appsInstalled",
             sum(m."stepsHandled") AS "stepsHandled", sum(m."stepSeconds") AS "stepSeconds", sum(m."documentsHandled") AS "documentsHandled",
             sum(m."meetingsHeld") AS "meetingsHeld", sum(m."supervisionReports") AS "supervisionReports", sum(m."messagesSent") AS "messagesSent", sum(m."appOpens") AS "appOpens"
        FROM "MetricsUnitDay" m JOIN "Unit" u ON u.id = m."unitId"
       WHERE u.path LIKE ANY(${patterns}) AND m.day BETWEEN ${from}::date AND ${to}::date
       GROUP BY m.day ORDER BY m.day`,
    activesOf(db, whole, patterns, bucketOf(period, from), isCut ? addDays(last, -1) : to),
    isCut ? activesOf(db, current, patterns, last, to) : Promise.resolve([]),
    db.$queryRaw<{ name: string; tasks: bigint; seconds: bigint }[]>`
      SELECT s."stepName" AS name, sum(s.tasks) AS tasks, sum(s.seconds) AS seconds
        FROM "MetricsStepDay" s JOIN "Unit" u ON u.id = s."unitId"
       WHERE u.path LIKE ANY(${patterns}) AND s.day BETWEEN ${from}::date AND ${to}::date
       GROUP BY 1 ORDER BY sum(s.tasks) DESC, 1 LIMIT 12`,
    db.metricsRun.findFirst({ orderBy: { ranAt: 'desc' }, select: { ranAt: true } }),
  ])

  const key = (d: Date) => d.toISOString().slice(0, 10)
  const activeBy = new Map([...actives, ...cutActives].map((a) => [key(a.bucket), Number(a.n)]))
  const buckets: Bucket[] = []
  for (let start = bucketOf(period, from); start <= to; start = nextBucket(period, start)) {
    const endDay = nextBucket(period, start) > to ? to : addDays(nextBucket(period, start), -1)
    const rows = daily.filter((r) => key(r.day) >= start && key(r.day) <= endDay)
    const snap = rows.at(-1)
    const sum = (k: keyof (typeof daily)[number]) => rows.reduce((n, r) => n + Number(r[k]), 0)
    const stepsHandled = sum('stepsHandled')
    buckets.push({
      start, end: endDay,
      accounts: Number(snap?.accounts ?? 0), activated: Number(snap?.activated ?? 0), appsInstalled: Number(snap?.appsInstalled ?? 0),
      active: activeBy.get(start) ?? 0,
      stepsHandled, stepHours: stepsHandled ? Math.round((sum('stepSeconds') / stepsHandled / 3600) * 10) / 10 : null,
      documentsHandled: sum('documentsHandled'), meetingsHeld: sum('meetingsHeld'), supervisionReports: sum('supervisionReports'), messagesSent: sum('messagesSent'), appOpens: sum('appOpens'),
    })
  }

  const snapDay = [...daily].reverse().find((r) => key(r.day) >= last)
  const ranked = await rankedUnits(db, scope)
  const ranking = await rankUnits(db, ranked, { start: last, source: current, snapDay: snapDay ? key(snapDay.day) : null })

  return {
    period, from, to,
    scope: scope.roots.map((r) => ({ id: r.id, name: r.name })),
    focus: focus ? { id: focus.id, name: focus.name } : null,
    buckets, ranking,
    steps: steps.map((s) => ({ name: s.name, tasks: Number(s.tasks), hours: Math.round((Number(s.seconds) / Math.max(1, Number(s.tasks)) / 3600) * 10) / 10 })),
    lastRunAt: lastRun?.ranAt ?? null,
  }
}

/** 开通率 and 活跃度 of each ranked unit (with its subtree) over one bucket; best activity first. */
async function rankUnits(db: Db, units: ScopeUnit[], at: { start: string; source: ActiveSource; snapDay: string | null }): Promise<RankingRow[]> {
  if (!units.length) return []
  const ids = units.map((u) => u.id)
  const subtrees = units.map((u) => u.subtree)
  // Each unit to the ranked unit above it (or itself), through the ids in its path: one pass over the units
  // and a hash join. A LIKE per ranked unit used the trigram index 500 times (2.9 s for 500 units here);
  // this is 2 ms. Actives come per unit from the bucket's rows (people counted once each) and are summed
  // per ranked unit.
  const perUnit = at.source.kind === 'day'
    ? Prisma.sql`SELECT "unitId", active FROM "MetricsUnitDay" WHERE day = ${at.start}::date`
    : at.source.kind === 'period'
      ? Prisma.sql`SELECT "unitId", active FROM "MetricsUnitPeriod" WHERE period = ${periodKey[at.source.period]}::"MetricsPeriod" AND start = ${at.start}::date`
      : Prisma.sql`SELECT "unitId", count(*) AS active FROM (
          SELECT DISTINCT ON ("personId") "personId", "unitId" FROM "MetricsActivity"
           WHERE day BETWEEN ${at.source.start}::date AND ${at.source.end}::date ORDER BY "personId", day DESC) x GROUP BY "unitId"`
  const rows = await db.$queryRaw<{ id: string; accounts: bigint; activated: bigint; active: bigint }[]>`
    WITH r AS (SELECT * FROM unnest(${ids}::uuid[], ${subtrees}::boolean[]) AS r(id, subtree)),
    map AS MATERIALIZED (
      SELECT r.id, u.id AS unit_id
        FROM "Unit" u CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM u.path), '/')) AS anc(id)
        JOIN r ON r.id = anc.id::uuid
       WHERE r.subtree OR u.id = r.id
    ), snap AS (
      SELECT map.id, sum(m.accounts) AS accounts, sum(m.activated) AS activated
        FROM map JOIN "MetricsUnitDay" m ON m."unitId" = map.unit_id AND m.day = ${at.snapDay}::date
       GROUP BY map.id
    ), act AS (
      SELECT map.id, sum(a.active) AS active FROM (${perUnit}) a JOIN map ON map.unit_id = a."unitId" GROUP BY map.id
    )
    SELECT r.id, COALESCE(snap.accounts, 0) AS accounts, COALESCE(snap.activated, 0) AS activated, COALESCE(act.active, 0) AS active
      FROM r LEFT JOIN snap ON snap.id = r.id LEFT JOIN act ON act.id = r.id`
  const byId = new Map(rows.map((r) => [r.id, r]))
  return units.map((u) => {
    const r = byId.get(u.id)
    const accounts = Number(r?.accounts ?? 0), activated = Number(r?.activated ?? 0), active = Number(r?.active ?? 0)
    return { unitId: u.id, name: u.name, accounts, activated, active, activationRate: rate(activated, accounts), activityRate: rate(active, accounts) }
  }).sort((a, b) => b.activityRate - a.activityRate || b.activationRate - a.activationRate || byName.compare(a.name, b.name))
}

export const ratesOf = (b: Pick<Bucket, 'accounts' | 'activated' | 'active'>) => ({ activationRate: rate(b.activated, b.accounts), activityRate: rate(b.active, b.accounts) })
