import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { lockRosterForManager } from './lock-roster.ts'
import { notifyShifts } from './notify.ts'

/** Publish a draft roster: everyone on it is told (inbox, mail with their own shifts, push). */
export async function publishRoster(db: Db, actor: Actor, rosterId: string, revision: number, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const roster = await lockRosterForManager(tx, actor, rosterId, revision)
    if (roster.status !== 'DRAFT') throw new AppError('duty.roster_published')
    if (!roster.generatedAt) throw new AppError('duty.roster_empty')
    const people = await tx.dutyAssignment.findMany({ where: { rosterId, personId: { not: null } }, distinct: ['personId'], select: { personId: true } })
    const updated = await tx.dutyRoster.update({ where: { id: rosterId }, data: { status: 'PUBLISHED', publishedAt: clock.now(), revision: { increment: 1 } } })
    const push = await notifyShifts(tx, {
      personIds: people.map((p) => p.personId!), objectType: 'DutyRoster', objectId: rosterId, rosterId,
      title: `值班表已发布：${roster.post.name}（${roster.startDate} 至 ${roster.endDate}）`, source: roster.post.unit.name, unitId: roster.post.unit.id,
    })
    await recordAudit(tx, { actor, action: 'duty.roster_publish', objectType: 'DutyRoster', objectId: rosterId, details: { post: roster.post.name, from: roster.startDate, to: roster.endDate, people: people.length }, context })
    return { id: rosterId, revision: updated.revision, notified: people.length, push }
  })
}
