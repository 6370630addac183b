import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { viewerOf } from './policy.ts'
import { quarterOf } from './rating-period.ts'
import { ratingScore } from './schemas.ts'

const CASE_RATING = Object.entries(ratingScore).map(([k, v]) => `WHEN '${k}' THEN ${v}`).join(' ')

/**
 * A unit's supervision page: the office's ratings of it per period (newest first), its items' mean
 * rating, and whether the viewer may rate it. Seen by the offices that supervise it, the unit's own
 * people and the leaders in charge of it; anyone else gets not found.
 */
export async function unitRatings(db: Db, actor: Actor, unitId: string) {
  const viewer = await viewerOf(db, actor)
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, path: true } })
  if (!unit) throw new AppError('not_found')
  const supervising = viewer.officeUnitIds.length
    ? (await db.supervisionItem.findMany({ where: { officeUnitId: { in: viewer.officeUnitIds }, status: { not: 'DRAFT' }, assignments: { some: { unitId, status: { not: 'RETURNED' } } } }, distinct: ['officeUnitId'], select: { officeUnitId: true } })).map((i) => i.officeUnitId)
    : []
  const own = viewer.memberUnitIds.includes(unitId) || viewer.chargePaths.some((p) => unit.path.startsWith(p))
  if (!supervising.length && !own) throw new AppError('not_found')
  const [ratings, items] = await Promise.all([
    db.supervisionUnitRating.findMany({ where: { unitId, ...(own ? {} : { officeUnitId: { in: supervising } }) }, orderBy: [{ periodStart: 'desc' }, { ratedAt: 'desc' }], take: 40 }),
    db.$queryRaw<{ rated: number; mean: number | null; total: number }[]>`
      SELECT COUNT(*)::int AS total, COUNT(i.rating)::int AS rated, ROUND(AVG(COALESCE(i.score, CASE i.rating ${Prisma.raw(CASE_RATING)} END))::numeric, 1)::float AS mean
        FROM "SupervisionItem" i JOIN "SupervisionAssignment" a ON a."itemId" = i.id AND a."unitId" = ${unitId}::uuid AND a.status = 'ACCEPTED'
       WHERE ${own ? true : false} OR i."officeUnitId" = ANY(${supervising}::uuid[])`,
  ])
  const names = new Map((await db.person.findMany({ where: { id: { in: [...new Set(ratings.map((r) => r.ratedById))] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  return {
    unit: { id: unit.id, name: unit.name },
    ratings: ratings.map((r) => ({ id: r.id, period: r.period, score: r.score, comment: r.comment, ratedAt: r.ratedAt, ratedBy: names.get(r.ratedById) ?? '' })),
    items: items[0] ?? { total: 0, rated: 0, mean: null },
    mayRate: supervising.length > 0,
    currentQuarter: quarterOf(clock.now()),
  }
}
