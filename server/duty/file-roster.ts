import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { lockRosterForManager } from './lock-roster.ts'
import { holdersOver } from './managers.ts'

/**
 * 报备: file a published roster with the level above. The upper duty office — whoever holds duty.oversee
 * over the roster's unit from a unit above it — gets it to read, and sees it (and only filed rosters).
 */
export async function fileRoster(db: Db, actor: Actor, rosterId: string, revision: number, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const roster = await lockRosterForManager(tx, actor, rosterId, revision)
    if (roster.status !== 'PUBLISHED') throw new AppError('duty.roster_not_published')
    if (roster.filedAt) throw new AppError('duty.roster_filed')
    const upper = await holdersOver(tx, 'duty.oversee', roster.post.unit.path, { above: true })
    const updated = await tx.dutyRoster.update({ where: { id: rosterId }, data: { filedAt: clock.now(), revision: { increment: 1 } } })
    await createInboxItems(tx, upper.map((personId) => ({
      personId, kind: 'TO_READ', module: 'duty', objectType: 'DutyRoster', objectId: rosterId,
      title: `值班表报备：${roster.post.unit.name} ${roster.post.name}（${roster.startDate} 至 ${roster.endDate}）`, source: roster.post.unit.name, url: `/duty/rosters/${rosterId}`, unitId: roster.post.unit.id,
    })))
    await recordAudit(tx, { actor, action: 'duty.roster_file', objectType: 'DutyRoster', objectId: rosterId, details: { post: roster.post.name, unit: roster.post.unit.name, from: roster.startDate, to: roster.endDate, upper: upper.length }, context })
    return { id: rosterId, revision: updated.revision, filedWith: upper.length }
  })
}
