import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { withdrawLeaveUnavailability } from '../duty/index.ts'
import { LEAVE_OBJECT } from './leave-inbox.ts'
import { leaveSource } from './decide-leave.ts'
import { loadLeave } from './policy.ts'
import { cancelLeaveInput } from './schemas.ts'
import type { z } from 'zod'

/** 撤销: the person withdraws a pending or approved leave before it starts; duty availability comes back. */
export async function cancelLeave(db: Db, actor: Actor, id: string, input: z.input<typeof cancelLeaveInput>, context: RequestContext) {
  const f = cancelLeaveInput.parse(input)
  return db.$transaction(async (tx) => {
    const leave = await loadLeave(tx, actor, id, { forUpdate: true, revision: f.revision })
    if (leave.personId !== actor.personId) throw notFound()
    if (leave.status !== 'PENDING' && leave.status !== 'APPROVED') throw new AppError('leave.not_pending')
    if (leave.startsAt <= clock.now()) throw new AppError('leave.already_started')
    await tx.leaveRequest.update({ where: { id }, data: { status: 'CANCELLED', decidedAt: clock.now(), revision: { increment: 1 } } })
    if (leave.status === 'PENDING') await completeInboxItems(tx, { objectType: LEAVE_OBJECT, objectId: `${id}:${leave.stepIndex}` }, 'CANCELLED')
    await withdrawLeaveUnavailability(tx, leaveSource(id))
    await recordAudit(tx, { actor, action: 'leave.cancel', objectType: LEAVE_OBJECT, objectId: id, details: { was: leave.status }, context })
    return { status: 'CANCELLED' as const }
  })
}
