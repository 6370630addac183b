import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { yearOf } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { approvalChain, organisationOf, pickOrgan } from './approval-chain.ts'
import { annualBalanceIn } from './leave-balance.ts'
import { leaveInput, type LeaveInput } from './schemas.ts'
import { asDays, leaveHalfDays, leaveInstants } from './workdays.ts'
import { LEAVE_OBJECT, leaveStepItem } from './leave-inbox.ts'

/**
 * 请假: a person asks for leave from their primary unit. The working half-days are counted on the
 * official calendar; annual leave may not pass what is left of the year's entitlement (pending leave
 * counts as used); the chain comes from the organisation's template and its first approver gets a 待办.
 */
export async function requestLeave(db: Db, actor: Actor, input: LeaveInput, context: RequestContext) {
  const f = leaveInput.parse(input)
  if (f.endDate < f.startDate || (f.endDate === f.startDate && f.startHalf === 'PM' && f.endHalf === 'AM')) throw new AppError('leave.period')
  const post = await db.post.findFirst({ where: { personId: actor.personId, unit: { isActive: true } }, orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }], select: { unit: { select: { id: true, path: true, name: true } } } })
  if (!post) throw new AppError('leave.no_approver', { step: 'DIVISION_HEAD' })
  const halfDays = await leaveHalfDays(db, f)
  if (halfDays === 0) throw new AppError('leave.no_days')
  const { startsAt, endsAt } = leaveInstants(f)
  const year = yearOf(f.startDate)
  const units = await organisationOf(db, post.unit)
  const organ = pickOrgan(units)
  const steps = await approvalChain(db, actor.personId, units, organ, halfDays)

  return db.$transaction(async (tx) => {
    // One person's requests one at a time: the balance and overlap checks below must see each other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('leave:' || ${actor.personId}))`
    const overlap = await tx.leaveRequest.count({ where: { personId: actor.personId, status: { in: ['PENDING', 'APPROVED'] }, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } } })
    if (overlap) throw new AppError('leave.overlap')
    if (f.type === 'ANNUAL') {
      const balance = await annualBalanceIn(tx, actor.personId, year)
      if (halfDays > balance.remainingHalfDays) throw new AppError('leave.over_balance', { year, asked: asDays(halfDays), remaining: asDays(balance.remainingHalfDays) })
    }
    const leave = await tx.leaveRequest.create({
      data: {
        personId: actor.personId, unitId: post.unit.id, organId: organ.id, approverIds: steps.map((s) => s.approverId), type: f.type,
        startDate: f.startDate, startHalf: f.startHalf, endDate: f.endDate, endHalf: f.endHalf, startsAt, endsAt, halfDays, year, reason: f.reason, steps,
      },
    })
    await createInboxItems(tx, [leaveStepItem(leave, 0, actor.name, post.unit.id)])
    await recordAudit(tx, { actor, action: 'leave.request', objectType: LEAVE_OBJECT, objectId: leave.id, details: { type: f.type, from: f.startDate, to: f.endDate, halfDays }, context })
    return { id: leave.id, halfDays, steps: steps.length }
  })
}
