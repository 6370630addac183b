import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { organisationOf, pickOrgan } from './approval-chain.ts'
import { leavePolicy } from './policy.ts'
import { entitlementInput } from './schemas.ts'
import type { z } from 'zod'

/**
 * 年休假 of a year: the entitlement, what was carried over from the year before, what approved leave used,
 * what pending leave holds, and what is left (half-days). Carried-over days count like the entitlement.
 */
export async function annualBalanceIn(db: Db | Tx, personId: string, year: number) {
  const [row, used] = await Promise.all([
    db.leaveBalance.findUnique({ where: { personId_year: { personId, year } } }),
    db.leaveRequest.groupBy({ by: ['status'], where: { personId, year, type: 'ANNUAL', status: { in: ['PENDING', 'APPROVED'] } }, _sum: { halfDays: true } }),
  ])
  const entitledHalfDays = row?.entitledHalfDays ?? 0
  const carriedHalfDays = row?.carriedHalfDays ?? 0
  const usedHalfDays = used.find((u) => u.status === 'APPROVED')?._sum.halfDays ?? 0
  const pendingHalfDays = used.find((u) => u.status === 'PENDING')?._sum.halfDays ?? 0
  return { year, entitledHalfDays, carriedHalfDays, usedHalfDays, pendingHalfDays, remainingHalfDays: entitledHalfDays + carriedHalfDays - usedHalfDays - pendingHalfDays }
}

export async function myAnnualBalance(db: Db, actor: Actor, year: number) {
  return annualBalanceIn(db, actor.personId, year)
}

/** The person's organisation, if the actor is its leave office; else not found. */
export async function officePersonOf(db: Db | Tx, actor: Actor, personId: string) {
  const post = await db.post.findFirst({ where: { personId, person: { isActive: true } }, orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }], select: { unit: { select: { path: true } }, person: { select: { name: true } } } })
  if (!post) throw notFound()
  const organ = pickOrgan(await organisationOf(db, post.unit))
  if (!leavePolicy.isOffice(actor, organ)) throw notFound()
  return { name: post.person.name, organ }
}

/**
 * The office sets a person's entitlement for a year (by 工龄: 5, 10 or 15 days) and, if given, the days
 * carried over from the year before, for people of its organisation. With `revision` (the office page
 * sends the one it showed), a row changed meanwhile is refused rather than overwritten.
 */
export async function setEntitlement(db: Db, actor: Actor, input: z.input<typeof entitlementInput>, context: RequestContext) {
  const f = entitlementInput.parse(input)
  const person = await officePersonOf(db, actor, f.personId)
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ revision: number; entitledHalfDays: number; carriedHalfDays: number }[]>`
      SELECT revision, "entitledHalfDays", "carriedHalfDays" FROM "LeaveBalance" WHERE "personId" = ${f.personId}::uuid AND year = ${f.year} FOR UPDATE`
    if (f.revision !== undefined && (locked?.revision ?? null) !== f.revision) throw new AppError('leave.entitlement_stale')
    const entitledHalfDays = f.days * 2
    const carriedHalfDays = f.carriedDays === undefined ? (locked?.carriedHalfDays ?? 0) : f.carriedDays * 2
    const row = await tx.leaveBalance.upsert({
      where: { personId_year: { personId: f.personId, year: f.year } },
      create: { personId: f.personId, year: f.year, entitledHalfDays, carriedHalfDays },
      update: { entitledHalfDays, carriedHalfDays, revision: { increment: 1 } },
    })
    await recordAudit(tx, {
      actor, action: 'leave.set_entitlement', objectType: 'LeaveBalance', objectId: `${f.personId}:${f.year}`,
      details: { person: person.name, year: f.year, days: f.days, carriedDays: carriedHalfDays / 2, before: locked ? { days: locked.entitledHalfDays / 2, carriedDays: locked.carriedHalfDays / 2 } : null }, context,
    })
    return { entitledHalfDays, carriedHalfDays, revision: row.revision }
  })
}
