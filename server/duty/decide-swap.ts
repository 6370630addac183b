import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { conflictsOf } from './conflicts.ts'
import { notifyShifts } from './notify.ts'
import { dutyPolicy } from './policy.ts'

import { cellWithRoster, lockSwap, swapUrl } from './swap-helpers.ts'

/** The duty manager approves (the roster changes, everyone concerned is told) or rejects an accepted swap. */
export async function decideSwap(db: Db, actor: Actor, swapId: string, input: { approve: boolean; revision: number }, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const swap = await lockSwap(tx, swapId)
    const mine = (await cellWithRoster(tx, swap.assignmentId))!
    if (!dutyPolicy.mayManageUnit(actor, mine.roster.post.unit)) throw notFound()
    if (swap.revision !== input.revision) throw new AppError('duty.stale')
    if (swap.status !== 'ACCEPTED') throw new AppError('duty.swap_closed')
    await tx.$queryRaw`SELECT id FROM "DutyRoster" WHERE id = ${swap.rosterId}::uuid FOR UPDATE`
    const cells = await tx.dutyAssignment.findMany({ where: { id: { in: [swap.assignmentId, ...(swap.counterpartAssignmentId ? [swap.counterpartAssignmentId] : [])] } } })
    const a = cells.find((c) => c.id === swap.assignmentId)!
    const b = cells.find((c) => c.id === swap.counterpartAssignmentId)
    if (a.personId !== swap.requesterId || (b && b.personId !== swap.counterpartId)) throw new AppError('duty.swap_outdated')
    const updated = await tx.dutySwap.update({ where: { id: swapId }, data: { status: input.approve ? 'APPROVED' : 'REJECTED', decidedAt: clock.now(), decidedById: actor.personId, revision: { increment: 1 } } })
    await completeInboxItems(tx, { objectType: 'DutySwap', objectId: swapId, kind: 'TODO' }, 'DONE')
    let conflicts: string[] = []
    let push = null
    const source = `${mine.roster.post.unit.name} ${mine.roster.post.name}`
    if (input.approve) {
      const changed = [await tx.dutyAssignment.update({ where: { id: a.id }, data: { personId: swap.counterpartId, isLocked: true } })]
      if (b) changed.push(await tx.dutyAssignment.update({ where: { id: b.id }, data: { personId: swap.requesterId, isLocked: true } }))
      await tx.dutyRoster.update({ where: { id: swap.rosterId }, data: { revision: { increment: 1 } } })
      conflicts = [...(await conflictsOf(tx, changed, mine.roster.post.unit)).values()].flat()
      push = await notifyShifts(tx, {
        personIds: [swap.requesterId, swap.counterpartId], objectType: 'DutySwap', objectId: swapId, rosterId: swap.rosterId,
        title: `${swap.kind === 'SWAP' ? '换班' : '替班'}已批准：${mine.date}${b ? ` ↔ ${b.date}` : ''}`, source, unitId: mine.roster.post.unit.id,
      })
    } else {
      await createInboxItems(tx, [swap.requesterId, swap.counterpartId].map((personId) => ({ personId, kind: 'TO_READ' as const, module: 'duty', objectType: 'DutySwap', objectId: swapId, title: `${swap.kind === 'SWAP' ? '换班' : '替班'}未获批准（${mine.date}）`, source, url: swapUrl(swapId), unitId: mine.roster.post.unit.id })))
    }
    await recordAudit(tx, { actor, action: input.approve ? 'duty.swap_approve' : 'duty.swap_reject', objectType: 'DutySwap', objectId: swapId, details: { date: mine.date, conflicts }, context })
    return { id: swapId, status: updated.status, revision: updated.revision, conflicts, push }
  })
}
