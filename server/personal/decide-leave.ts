import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { recordLeaveUnavailability } from '../duty/index.ts'
import type { ChainStep } from './approval-chain.ts'
import { leavePolicy, loadLeave } from './policy.ts'
import { decideLeaveInput } from './schemas.ts'
import { LEAVE_OBJECT, leaveStepItem, leaveUrl } from './leave-inbox.ts'
import type { z } from 'zod'

export const leaveSource = (id: string) => `leave:${id}`

/**
 * The approver of the step waiting approves (the next step's approver gets a 待办; after the last, the
 * leave is approved, the person becomes unavailable for duty and is told, with the offer of a 委托) or
 * rejects with a comment (the person is told). Locked row, checked revision, audit last.
 */
export async function decideLeave(db: Db, actor: Actor, id: string, input: z.input<typeof decideLeaveInput>, context: RequestContext) {
  const f = decideLeaveInput.parse(input)
  if (!f.approve && !f.comment) throw new AppError('validation', { field: 'comment' })
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const leave = await loadLeave(tx, actor, id, { forUpdate: true, revision: f.revision })
    if (!leavePolicy.mayDecide(actor, leave)) throw new AppError('leave.not_pending')
    const steps = leave.steps as ChainStep[]
    await tx.leaveDecision.create({ data: { requestId: id, stepIndex: leave.stepIndex, approverId: actor.personId, approverName: actor.name, isApproved: f.approve, comment: f.comment, decidedAt: now } })
    await completeInboxItems(tx, { objectType: LEAVE_OBJECT, objectId: `${id}:${leave.stepIndex}` })
    const last = leave.stepIndex === steps.length - 1
    let status: 'PENDING' | 'APPROVED' | 'REJECTED' = 'PENDING'
    if (!f.approve) {
      status = 'REJECTED'
      await tx.leaveRequest.update({ where: { id }, data: { status, decidedAt: now, revision: { increment: 1 } } })
      await createInboxItems(tx, [{ personId: leave.personId, kind: 'TO_READ', module: 'leave', objectType: LEAVE_OBJECT, objectId: `${id}:rejected`, title: `请假未获批准：${leave.startDate}—${leave.endDate}`, source: `${actor.name}：${f.comment}`, url: leaveUrl(id), unitId: leave.unitId }])
    } else if (!last) {
      await tx.leaveRequest.update({ where: { id }, data: { stepIndex: leave.stepIndex + 1, revision: { increment: 1 } } })
      await createInboxItems(tx, [leaveStepItem(leave, leave.stepIndex + 1, leave.person.name, leave.unitId)])
    } else {
      status = 'APPROVED'
      await tx.leaveRequest.update({ where: { id }, data: { status, decidedAt: now, revision: { increment: 1 } } })
      await recordLeaveUnavailability(tx, { source: leaveSource(id), personId: leave.personId, startsAt: leave.startsAt, endsAt: leave.endsAt, note: `请假 ${leave.startDate}—${leave.endDate}`, createdById: actor.personId })
      await createInboxItems(tx, [{ personId: leave.personId, kind: 'TO_READ', module: 'leave', objectType: LEAVE_OBJECT, objectId: `${id}:approved`, title: `请假已批准：${leave.startDate}—${leave.endDate}，可设置委托办理`, source: actor.name, url: leaveUrl(id), unitId: leave.unitId }])
    }
    await recordAudit(tx, { actor, action: f.approve ? 'leave.approve' : 'leave.reject', objectType: LEAVE_OBJECT, objectId: id, details: { step: leave.stepIndex, status, ...(f.comment ? { comment: f.comment } : {}) }, context })
    return { status }
  })
}
