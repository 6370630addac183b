import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { SIGN_ON_EARLY_MS } from './desk-helpers.ts'

/** 上岗签到: the person on a seat signs on, from 30 minutes before it starts until it ends (once). */
export async function signOn(db: Db, actor: Actor, assignmentId: string, context: RequestContext) {
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ personId: string | null; startsAt: Date; endsAt: Date; signedOnAt: Date | null }[]>`
      SELECT "personId", "startsAt", "endsAt", "signedOnAt" FROM "DutyAssignment" WHERE id = ${assignmentId}::uuid FOR UPDATE`
    const seat = rows[0]
    if (!seat || seat.personId !== actor.personId) throw notFound()
    if (now.getTime() < seat.startsAt.getTime() - SIGN_ON_EARLY_MS || now >= seat.endsAt) throw new AppError('duty.not_on_shift')
    if (seat.signedOnAt) return { id: assignmentId, signedOnAt: seat.signedOnAt }
    await tx.dutyAssignment.update({ where: { id: assignmentId }, data: { signedOnAt: now } })
    await recordAudit(tx, { actor, action: 'duty.sign_on', objectType: 'DutyAssignment', objectId: assignmentId, details: { late: now > seat.startsAt }, context })
    return { id: assignmentId, signedOnAt: now }
  })
}
