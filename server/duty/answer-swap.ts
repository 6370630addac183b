import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { holdersOver } from './managers.ts'

import { cellWithRoster, lockSwap, swapUrl } from './swap-helpers.ts'

/** The counterpart accepts (then the duty managers get it to approve) or declines. */
export async function answerSwap(db: Db, actor: Actor, swapId: string, input: { accept: boolean; revision: number }, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const swap = await lockSwap(tx, swapId)
    if (swap.counterpartId !== actor.personId) throw notFound()
    if (swap.revision !== input.revision) throw new AppError('duty.stale')
    if (swap.status !== 'REQUESTED') throw new AppError('duty.swap_closed')
    const mine = (await cellWithRoster(tx, swap.assignmentId))!
    const updated = await tx.dutySwap.update({ where: { id: swapId }, data: { status: input.accept ? 'ACCEPTED' : 'DECLINED', answeredAt: clock.now(), revision: { increment: 1 } } })
    await completeInboxItems(tx, { objectType: 'DutySwap', objectId: swapId, personId: actor.personId })
    const source = `${mine.roster.post.unit.name} ${mine.roster.post.name}`
    let managers: string[] = []
    if (input.accept) {
      managers = (await holdersOver(tx, 'duty.manage', mine.roster.post.unit.path)).filter((id) => id !== swap.requesterId && id !== swap.counterpartId)
      await createInboxItems(tx, managers.map((personId) => ({ personId, kind: 'TODO', module: 'duty', objectType: 'DutySwap', objectId: swapId, title: `${swap.kind === 'SWAP' ? '换班' : '替班'}待审批：${mine.person?.name ?? ''} ↔ ${actor.name}（${mine.date}）`, source, url: swapUrl(swapId), unitId: mine.roster.post.unit.id })))
    }
    await createInboxItems(tx, [{ personId: swap.requesterId, kind: 'TO_READ', module: 'duty', objectType: 'DutySwap', objectId: swapId, title: `${actor.name}${input.accept ? '已同意' : '未同意'}您的${swap.kind === 'SWAP' ? '换班' : '替班'}申请（${mine.date}）`, source, url: swapUrl(swapId), unitId: mine.roster.post.unit.id }])
    await recordAudit(tx, { actor, action: input.accept ? 'duty.swap_accept' : 'duty.swap_decline', objectType: 'DutySwap', objectId: swapId, details: { date: mine.date }, context })
    return { id: swapId, status: updated.status, revision: updated.revision, push: managers.length ? { personIds: managers, title: '换班待审批', body: source, url: swapUrl(swapId) } : null }
  })
}
