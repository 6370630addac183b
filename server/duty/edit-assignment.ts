import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { conflictsOf } from './conflicts.ts'
import { lockRosterForManager } from './lock-roster.ts'
import { notifyShifts } from './notify.ts'
import { dutyPolicy } from './policy.ts'
import { editAssignmentInput } from './schemas.ts'

/**
 * The duty manager puts a person on a cell (or empties it) by hand; the cell is locked so a re-run keeps
 * it. The rules it breaks come back as conflicts and stay visible on the page. After publishing, the
 * people taken off and put on are told.
 */
export async function editAssignment(db: Db, actor: Actor, assignmentId: string, input: { revision: number; personId: string | null; isLocked?: boolean }, context: RequestContext) {
  const fields = editAssignmentInput.parse(input)
  const cell = await db.dutyAssignment.findUnique({ where: { id: assignmentId }, select: { rosterId: true } })
  if (!cell) throw notFound()
  if (fields.personId) {
    const person = await db.person.findUnique({ where: { id: fields.personId }, select: { isActive: true, posts: { select: { unit: { select: { path: true } } } } } })
    if (!person?.isActive || !dutyPolicy.mayManagePerson(actor, { unitPaths: person.posts.map((p) => p.unit.path) })) throw new AppError('duty.person_out_of_scope', { name: '' })
  }
  return db.$transaction(async (tx) => {
    const roster = await lockRosterForManager(tx, actor, cell.rosterId, fields.revision)
    const before = await tx.dutyAssignment.findUniqueOrThrow({ where: { id: assignmentId } })
    const after = await tx.dutyAssignment.update({ where: { id: assignmentId }, data: { personId: fields.personId, isLocked: fields.isLocked } })
    const updated = await tx.dutyRoster.update({ where: { id: roster.id }, data: { revision: { increment: 1 } } })
    const conflicts = (await conflictsOf(tx, [after], roster.post.unit)).get(after.id) ?? []
    let push = null
    if (roster.status === 'PUBLISHED' && before.personId !== after.personId) {
      push = await notifyShifts(tx, {
        personIds: [before.personId, after.personId].filter((x): x is string => !!x), objectType: 'DutyAssignment', objectId: `${assignmentId}:${updated.revision}`, rosterId: roster.id,
        title: `值班调整：${roster.post.name} ${after.date}`, source: roster.post.unit.name, unitId: roster.post.unit.id,
      })
    }
    await recordAudit(tx, { actor, action: 'duty.assignment_edit', objectType: 'DutyAssignment', objectId: assignmentId, details: { roster: roster.id, date: after.date, from: before.personId, to: after.personId, conflicts }, context })
    return { id: assignmentId, revision: updated.revision, conflicts, push }
  })
}
