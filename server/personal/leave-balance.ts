import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { organisationOf, pickOrgan } from './approval-chain.ts'
import { leavePolicy } from './policy.ts'
import { entitlementInput } from './schemas.ts'
import type { z } from 'zod'

/** 年休假 of a year: the entitlement, what approved leave used, what pending leave holds, what is left (half-days). */
export async function annualBalanceIn(db: Db | Tx, personId: string, year: number) {
  const [row, used] = await Promise.all([
    db.leaveBalance.findUnique({ where: { personId_year: { personId, year } } }),
    db.leaveRequest.groupBy({ by: ['status'], where: { personId, year, type: 'ANNUAL', status: { in: ['PENDING', 'APPROVED'] } }, _sum: { halfDays: true } }),
  ])
  const entitledHalfDays = row?.entitledHalfDays ?? 0
  const usedHalfDays = used.find((u) => u.status === 'APPROVED')?._sum.halfDays ?? 0
  const pendingHalfDays = used.find((u) => u.status === 'PENDING')?._sum.halfDays ?? 0
  return { year, entitledHalfDays, usedHalfDays, pendingHalfDays, remainingHalfDays: entitledHalfDays - usedHalfDays - pendingHalfDays }
}

export async function myAnnualBalance(db: Db, actor: Actor, year: number) {
  return annualBalanceIn(db, actor.personId, year)
}

/** The office sets a person's entitlement for a year (by 工龄: 5, 10 or 15 days), for people of its organisation. */
export async function setEntitlement(db: Db, actor: Actor, input: z.input<typeof entitlementInput>, context: RequestContext) {
  const f = entitlementInput.parse(input)
  const post = await db.post.findFirst({ where: { personId: f.personId }, orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }], select: { unit: { select: { path: true } }, person: { select: { name: true } } } })
  if (!post) throw notFound()
  const organ = pickOrgan(await organisationOf(db, post.unit))
  if (!leavePolicy.isOffice(actor, organ)) throw notFound()
  return db.$transaction(async (tx) => {
    const entitledHalfDays = f.days * 2
    await tx.leaveBalance.upsert({ where: { personId_year: { personId: f.personId, year: f.year } }, create: { personId: f.personId, year: f.year, entitledHalfDays }, update: { entitledHalfDays } })
    await recordAudit(tx, { actor, action: 'leave.set_entitlement', objectType: 'LeaveBalance', objectId: `${f.personId}:${f.year}`, details: { person: post.person.name, year: f.year, days: f.days }, context })
    return { entitledHalfDays }
  })
}
