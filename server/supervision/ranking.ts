import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { addDays, clock, endOfShanghaiDay, shanghaiInstant } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { supervisionPolicy, visibleSql, viewerOf } from './policy.ts'
import { periodInput, ratingScore, type PeriodInput } from './schemas.ts'

export type RankingRow = {
  rank: number; unitId: string; unit: string
  /** Items due in the period, completed on time, overdue (past the deadline and not completed by it). */
  due: number; onTime: number; overdue: number; onTimeRate: number
  reports: number; punctualReports: number; punctuality: number
  rated: number; rating: number | null
  /** The office's own rating of the unit (单位评价), the mean over the periods that overlap this one. */
  unitScore: number | null
}

const CASE_RATING = Object.entries(ratingScore).map(([k, v]) => `WHEN '${k}' THEN ${v}`).join(' ')

/**
 * 晾晒台: the lead and co-units of the office's items ranked over a period (Asia/Shanghai days):
 * on-time completion rate, then report punctuality, then the office's rating of the unit for the
 * period (单位评价), then the mean of its items' ratings, then fewer overdue.
 */
export async function computeRanking(db: Db, actor: Actor, input: PeriodInput): Promise<RankingRow[]> {
  const f = periodInput.parse(input)
  if (f.from > f.to || f.to > addDays(f.from, 366)) throw new AppError('supervision.period')
  const viewer = await viewerOf(db, actor)
  if (!supervisionPolicy.isOfficer(actor)) throw new AppError('forbidden')
  const from = shanghaiInstant(f.from)
  const to = endOfShanghaiDay(f.to)
  const now = clock.now()
  // The office's view only (its own items): the same rule as visibleSql with the office part alone.
  const visible = visibleSql({ ...viewer, memberUnitIds: [], chargePaths: [] })
  const rows = await db.$queryRaw<Omit<RankingRow, 'rank' | 'onTimeRate' | 'punctuality'>[]>`
    WITH items AS (
      SELECT i.id, i.deadline, i."completedAt", i.status, i.rating, i.score FROM "SupervisionItem" i
       WHERE ${visible} AND i.status <> 'DRAFT' AND i.deadline >= ${from} AND i.deadline <= ${to}
    ), per_unit AS (
      SELECT a."unitId",
             COUNT(*)::int AS due,
             COUNT(*) FILTER (WHERE it."completedAt" IS NOT NULL AND it."completedAt" <= it.deadline)::int AS "onTime",
             COUNT(*) FILTER (WHERE it.deadline < ${now} AND (it."completedAt" IS NULL OR it."completedAt" > it.deadline))::int AS overdue,
             COUNT(*) FILTER (WHERE it.rating IS NOT NULL)::int AS rated,
             AVG(COALESCE(it.score, CASE it.rating ${Prisma.raw(CASE_RATING)} END)) AS rating
        FROM items it JOIN "SupervisionAssignment" a ON a."itemId" = it.id AND a.status = 'ACCEPTED'
       GROUP BY a."unitId"
    ), reps AS (
      -- The report carries its item's office: an index-only scan over the period, no join with the items.
      SELECT r."unitId", COUNT(*)::int AS reports, COUNT(*) FILTER (WHERE NOT r.late)::int AS "punctualReports"
        FROM "SupervisionReport" r
       WHERE r."officeUnitId" = ANY(${viewer.officeUnitIds}::uuid[]) AND r."createdAt" >= ${from} AND r."createdAt" <= ${to} GROUP BY r."unitId"
    ), unit_scores AS (
      SELECT s."unitId", AVG(s.score) AS score FROM "SupervisionUnitRating" s
       WHERE s."officeUnitId" = ANY(${viewer.officeUnitIds}::uuid[]) AND s."periodStart" <= ${to} AND s."periodEnd" >= ${from} GROUP BY s."unitId"
    )
    SELECT p."unitId", u.name AS unit, ROUND(us.score::numeric, 1)::float AS "unitScore", p.due, p."onTime", p.overdue, COALESCE(r.reports, 0) AS reports, COALESCE(r."punctualReports", 0) AS "punctualReports",
           p.rated, ROUND(p.rating::numeric, 1)::float AS rating
      FROM per_unit p JOIN "Unit" u ON u.id = p."unitId" LEFT JOIN reps r ON r."unitId" = p."unitId" LEFT JOIN unit_scores us ON us."unitId" = p."unitId"`
  const ranked = rows.map((r) => ({
    ...r,
    onTimeRate: r.due ? Math.round((1000 * r.onTime) / r.due) / 10 : 0,
    punctuality: r.reports ? Math.round((1000 * r.punctualReports) / r.reports) / 10 : 100,
  })).sort((a, b) => b.onTimeRate - a.onTimeRate || b.punctuality - a.punctuality || (b.unitScore ?? 0) - (a.unitScore ?? 0) || (b.rating ?? 0) - (a.rating ?? 0) || a.overdue - b.overdue || a.unit.localeCompare(b.unit, 'zh'))
  return ranked.map((r, i) => ({ ...r, rank: i + 1 }))
}

/** Publish the ranking as a snapshot: later changes do not alter what was published. */
export async function publishRanking(db: Db, actor: Actor, input: PeriodInput, context: RequestContext) {
  const f = periodInput.parse(input)
  const rows = await computeRanking(db, actor, f)
  const grant = actor.grants.find((g) => g.permissions.includes('supervision.manage'))!
  const officeUnitId = grant.scopePath.split('/').filter(Boolean).at(-1)!
  return db.$transaction(async (tx) => {
    const ranking = await tx.supervisionRanking.create({ data: { officeUnitId, periodStart: shanghaiInstant(f.from), periodEnd: endOfShanghaiDay(f.to), rows, publishedById: actor.personId, publishedAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'supervision.publish_ranking', objectType: 'SupervisionRanking', objectId: ranking.id, details: { from: f.from, to: f.to, units: rows.length }, context })
    return { id: ranking.id }
  })
}

/** Published rankings: everyone signed in may read them (晾晒 is public within the government). */
export async function listRankings(db: Db, limit = 20) {
  return db.supervisionRanking.findMany({ orderBy: { publishedAt: 'desc' }, take: limit, select: { id: true, periodStart: true, periodEnd: true, publishedAt: true, rows: true } })
}
