import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { viewerOf } from './policy.ts'
import { ratingPeriodBounds } from './rating-period.ts'
import { rateUnitInput, type RateUnitInput } from './schemas.ts'

/**
 * 单位评价: the office rates a unit's performance over a period (a quarter or a year) with a score and a
 * comment, beside the mean of its items' ratings. Only a unit the office supervises (one of its items
 * is assigned to it and not returned) and only in the office's own scope; anything else is not found.
 * Rating the same period again replaces the score; the audit keeps both.
 */
export async function rateUnit(db: Db, actor: Actor, input: RateUnitInput, context: RequestContext) {
  const f = rateUnitInput.parse(input)
  const bounds = ratingPeriodBounds(f.period)
  if (!bounds) throw new AppError('validation', {}, [{ path: ['period'], message: 'validation.invalid' }])
  const viewer = await viewerOf(db, actor)
  const offices = f.officeUnitId ? viewer.officeUnitIds.filter((id) => id === f.officeUnitId) : viewer.officeUnitIds
  if (!offices.length) throw new AppError('not_found')
  const supervised = await db.supervisionItem.findFirst({
    where: { officeUnitId: { in: offices }, status: { not: 'DRAFT' }, assignments: { some: { unitId: f.unitId, status: { not: 'RETURNED' } } } },
    select: { officeUnitId: true }, orderBy: { createdAt: 'desc' },
  })
  if (!supervised) throw new AppError('not_found')
  const officeUnitId = supervised.officeUnitId
  const now = clock.now()
  return db.$transaction(async (tx) => {
    // The unique key serialises two raters of the same period: the second waits on the row and replaces it.
    const before = await tx.supervisionUnitRating.findUnique({ where: { officeUnitId_unitId_period: { officeUnitId, unitId: f.unitId, period: f.period } }, select: { score: true } })
    const row = await tx.supervisionUnitRating.upsert({
      where: { officeUnitId_unitId_period: { officeUnitId, unitId: f.unitId, period: f.period } },
      create: { officeUnitId, unitId: f.unitId, period: f.period, periodStart: bounds.start, periodEnd: bounds.end, score: f.score, comment: f.comment, ratedById: actor.personId, ratedAt: now },
      update: { score: f.score, comment: f.comment, ratedById: actor.personId, ratedAt: now },
    })
    await recordAudit(tx, { actor, action: 'supervision.rate_unit', objectType: 'SupervisionUnitRating', objectId: row.id, details: { unitId: f.unitId, period: f.period, score: f.score, previous: before?.score ?? null }, context })
    return { id: row.id }
  })
}
