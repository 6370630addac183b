import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { pickOrgan } from './approval-chain.ts'
import { leavePolicy } from './policy.ts'
import { bulkEntitlementInput } from './schemas.ts'
import type { z } from 'zod'

const MAX_PEOPLE = 5000

/**
 * 按单位批量设置年休假: for every active person whose main post is in the unit (and below, if asked) and
 * whose organisation's office the actor is, set the year's entitlement and/or carry over what they did
 * not use of last year's own entitlement, up to `carryOverMaxDays` (days carried into last year are used
 * first and do not carry again: 年休假可跨一个年度安排). Other people are left alone and counted as skipped.
 * One statement writes every row; one audit record says what was done to how many.
 */
export async function bulkSetEntitlements(db: Db, actor: Actor, input: z.input<typeof bulkEntitlementInput>, context: RequestContext) {
  const f = bulkEntitlementInput.parse(input)
  const unit = await db.unit.findUnique({ where: { id: f.unitId }, select: { id: true, name: true, path: true, isActive: true } })
  if (!unit?.isActive || !leavePolicy.isOffice(actor, unit)) throw notFound()
  // The units above (to find each person's organisation) and those below.
  const above = unit.path.split('/').filter(Boolean)
  const units = await db.unit.findMany({
    where: { OR: [{ id: { in: above } }, ...(f.includeSubunits ? [{ path: { startsWith: unit.path } }] : [])] },
    select: { id: true, path: true, kind: true, organCode: true, parentId: true },
  })
  const byId = new Map(units.map((u) => [u.id, u]))
  const organOf = (path: string) => pickOrgan(path.split('/').filter(Boolean).reverse().map((id) => byId.get(id)!).filter(Boolean))
  const posts = await db.post.findMany({
    where: { isPrimary: true, person: { isActive: true }, ...(f.includeSubunits ? { unit: { path: { startsWith: unit.path } } } : { unitId: unit.id }) },
    select: { personId: true, unit: { select: { path: true } } },
    take: MAX_PEOPLE + 1,
  })
  if (posts.length > MAX_PEOPLE) throw new AppError('leave.bulk_too_many', { max: MAX_PEOPLE })
  const people = [...new Set(posts.filter((p) => leavePolicy.isOffice(actor, organOf(p.unit.path))).map((p) => p.personId))]
  const skipped = new Set(posts.map((p) => p.personId)).size - people.length

  return db.$transaction(async (tx) => {
    let carried: number[] | null = null
    if (f.carryOverMaxDays !== null) {
      const [last, used] = await Promise.all([
        tx.leaveBalance.findMany({ where: { personId: { in: people }, year: f.year - 1 }, select: { personId: true, entitledHalfDays: true, carriedHalfDays: true } }),
        tx.leaveRequest.groupBy({ by: ['personId'], where: { personId: { in: people }, year: f.year - 1, type: 'ANNUAL', status: { in: ['PENDING', 'APPROVED'] } }, _sum: { halfDays: true } }),
      ])
      const lastOf = new Map(last.map((b) => [b.personId, b]))
      const usedOf = new Map(used.map((u) => [u.personId, u._sum.halfDays ?? 0]))
      const cap = f.carryOverMaxDays * 2
      carried = people.map((id) => {
        const b = lastOf.get(id)
        if (!b) return 0
        const usedOwn = Math.max(0, (usedOf.get(id) ?? 0) - b.carriedHalfDays)
        return Math.min(cap, Math.max(0, b.entitledHalfDays - usedOwn))
      })
    }
    const entitled = f.days === null ? null : f.days * 2
    // One statement for every row (a whole bureau at once): new rows take 0 for what is not being set.
    await tx.$executeRaw`
      INSERT INTO "LeaveBalance"("personId", year, "entitledHalfDays", "carriedHalfDays")
      SELECT p, ${f.year}, COALESCE(${entitled}::int, 0), COALESCE(c, 0)
        FROM unnest(${people}::uuid[], ${carried ?? people.map(() => null)}::int[]) AS t(p, c)
      ON CONFLICT ("personId", year) DO UPDATE SET
        "entitledHalfDays" = COALESCE(${entitled}::int, "LeaveBalance"."entitledHalfDays"),
        "carriedHalfDays" = CASE WHEN ${carried !== null} THEN EXCLUDED."carriedHalfDays" ELSE "LeaveBalance"."carriedHalfDays" END,
        revision = "LeaveBalance".revision + 1`
    await recordAudit(tx, {
      actor, action: 'leave.bulk_entitlement', objectType: 'Unit', objectId: unit.id,
      details: { unit: unit.name, year: f.year, includeSubunits: f.includeSubunits, days: f.days, carryOverMaxDays: f.carryOverMaxDays, people: people.length, skipped, carriedDays: carried ? carried.reduce((a, b) => a + b, 0) / 2 : null }, context,
    })
    return { people: people.length, skipped }
  })
}
