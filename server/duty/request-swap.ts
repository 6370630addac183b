import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { requestSwapInput, type RequestSwapInput } from './schemas.ts'

import { cellWithRoster, swapUrl } from './swap-helpers.ts'

/**
 * 换班 (exchange my shift for a colleague's) or 替班 (a colleague takes mine): asked by the person on the
 * shift, on a published roster; the counterpart must be eligible for the role (and, for a swap, the
 * requester for theirs). The counterpart gets it to do.
 */
export async function requestSwap(db: Db, actor: Actor, input: RequestSwapInput, context: RequestContext) {
  const fields = requestSwapInput.parse(input)
  const mine = await cellWithRoster(db, fields.assignmentId)
  if (!mine || mine.personId !== actor.personId || mine.roster.status !== 'PUBLISHED') throw notFound()
  if (mine.startsAt <= clock.now()) throw new AppError('duty.shift_started')
  const counterpart = await db.person.findUnique({ where: { id: fields.counterpartId }, select: { id: true, name: true, isActive: true } })
  if (!counterpart?.isActive || counterpart.id === actor.personId) throw notFound()
  if (!(await db.dutyEligibility.findUnique({ where: { roleId_personId: { roleId: mine.roleId, personId: counterpart.id } } }))) throw new AppError('duty.counterpart_not_eligible', { name: counterpart.name })
  let theirs: Awaited<ReturnType<typeof cellWithRoster>> = null
  if (fields.kind === 'SWAP') {
    theirs = fields.counterpartAssignmentId ? await cellWithRoster(db, fields.counterpartAssignmentId) : null
    if (!theirs || theirs.personId !== counterpart.id || theirs.rosterId !== mine.rosterId) throw notFound()
    if (theirs.startsAt <= clock.now()) throw new AppError('duty.shift_started')
    if (!(await db.dutyEligibility.findUnique({ where: { roleId_personId: { roleId: theirs.roleId, personId: actor.personId } } }))) throw new AppError('duty.counterpart_not_eligible', { name: actor.name })
  }
  return db.$transaction(async (tx) => {
    const swap = await tx.dutySwap.create({
      data: { rosterId: mine.rosterId, kind: fields.kind, requesterId: actor.personId, assignmentId: mine.id, counterpartId: counterpart.id, counterpartAssignmentId: theirs?.id ?? null, reason: fields.reason || null },
    })
    const title = fields.kind === 'SWAP' ? `换班申请：${actor.name} 请您与其换班（${mine.date} ↔ ${theirs!.date}）` : `替班申请：${actor.name} 请您替班（${mine.date}）`
    await createInboxItems(tx, [{ personId: counterpart.id, kind: 'TODO', module: 'duty', objectType: 'DutySwap', objectId: swap.id, title, source: `${mine.roster.post.unit.name} ${mine.roster.post.name}`, url: swapUrl(swap.id), unitId: mine.roster.post.unit.id }])
    await recordAudit(tx, { actor, action: 'duty.swap_request', objectType: 'DutySwap', objectId: swap.id, details: { kind: fields.kind, date: mine.date, counterpart: counterpart.name, theirDate: theirs?.date ?? null }, context })
    return { id: swap.id, push: { personIds: [counterpart.id], title, body: mine.roster.post.name, url: swapUrl(swap.id), tag: `duty-swap-${swap.id}` } }
  })
}
