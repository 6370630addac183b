import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { escapeLike } from '../core/strings.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { ASSIGNMENT_OBJECT, itemUrl, OBJECT_TYPE, recordEvent } from './timeline.ts'
import { answerInput, type AnswerInput } from './schemas.ts'

/**
 * 签收 (naming the owner, 责任人, who must hold a post in the unit or under it) or 退回 with a reason
 * (not ours; the office gets a 待阅). The unit's head or registry answers, once.
 */
export async function answerAssignment(db: Db, actor: Actor, assignmentId: string, input: AnswerInput, context: RequestContext) {
  const f = answerInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const row = await tx.supervisionAssignment.findUnique({ where: { id: assignmentId }, select: { itemId: true } })
    if (!row) throw new AppError('not_found')
    const item = await loadItem(tx, viewer, row.itemId, { forUpdate: true })
    const a = item.assignments.find((x) => x.id === assignmentId)!
    if (!supervisionPolicy.mayAnswer(viewer, a)) throw new AppError('not_found')
    if (a.status !== 'PENDING') throw new AppError('supervision.already_answered')
    if (f.accept) {
      const owner = await tx.person.findFirst({ where: { id: f.ownerId, isActive: true, posts: { some: { unit: { path: { startsWith: escapeLike(a.unit.path) } } } } }, select: { id: true, name: true } })
      if (!owner) throw new AppError('supervision.owner_not_in_unit')
      await tx.supervisionAssignment.update({ where: { id: a.id }, data: { status: 'ACCEPTED', ownerId: owner.id, acceptedAt: now, acceptedById: actor.personId } })
      await completeInboxItems(tx, { objectType: ASSIGNMENT_OBJECT, objectId: a.id })
      await createInboxItems(tx, [{ personId: owner.id, kind: 'TODO', module: 'supervision', objectType: OBJECT_TYPE, objectId: item.id, title: `督办事项：${item.title}`, source: a.unit.name, url: itemUrl(item.id), urgency: item.priority, dueAt: item.deadline, unitId: a.unitId }])
      await recordEvent(tx, item.id, actor.personId, 'ACCEPTED', { unit: a.unit.name, owner: owner.name })
    } else {
      await tx.supervisionAssignment.update({ where: { id: a.id }, data: { status: 'RETURNED', returnReason: f.reason, acceptedById: actor.personId, acceptedAt: now } })
      await completeInboxItems(tx, { objectType: ASSIGNMENT_OBJECT, objectId: a.id })
      if (item.supervisorId) {
        await createInboxItems(tx, [{ personId: item.supervisorId, kind: 'TO_READ', module: 'supervision', objectType: ASSIGNMENT_OBJECT, objectId: `${a.id}:returned`, title: `退回督办：${item.title}`, source: `${a.unit.name}：${f.reason}`, url: itemUrl(item.id) }])
      }
      await recordEvent(tx, item.id, actor.personId, 'RETURNED', { unit: a.unit.name, reason: f.reason })
    }
    await tx.supervisionItem.update({ where: { id: item.id }, data: { revision: { increment: 1 } } })
    await recordAudit(tx, { actor, action: f.accept ? 'supervision.accept' : 'supervision.return', objectType: OBJECT_TYPE, objectId: item.id, details: { assignmentId, unitId: a.unitId }, context })
    return { ok: true }
  })
}
