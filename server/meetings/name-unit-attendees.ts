import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { escapeLike } from '../core/strings.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { lockMeeting } from './lock-meeting.ts'
import { invitePeople } from './invitations.ts'
import { meetingPolicy } from './policy.ts'
import { wakeRoll } from './wake-roll.ts'
import { nameAttendeesInput } from './schemas.ts'

/**
 * 单位报名: a unit invited as a unit names who attends (people of that unit or below, at most its
 * quota, before the deadline). Each named person is invited (待办, ICS) and the office's 待办 clears.
 */
export async function nameUnitAttendees(db: Db, actor: Actor, meetingId: string, unitId: string, input: { personIds: string[] }, context: RequestContext) {
  const { personIds } = nameAttendeesInput.parse(input)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const meeting = await lockMeeting(tx, actor, meetingId)
    if (meeting.status !== 'SCHEDULED') throw new AppError('meeting.cancelled')
    const row = await tx.meetingUnit.findUnique({ where: { meetingId_unitId: { meetingId, unitId } } })
    const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, path: true } })
    if (!row || !unit) throw new AppError('not_found')
    if (!meetingPolicy.mayNameForUnit(actor, unit)) throw new AppError('forbidden')
    if ((meeting.rsvpDeadline ?? meeting.startsAt) < now) throw new AppError('meeting.deadline_passed')
    const ids = [...new Set(personIds)]
    const members = await tx.person.count({ where: { id: { in: ids }, isActive: true, posts: { some: { unit: { path: { startsWith: escapeLike(unit.path) } } } } } })
    if (members !== ids.length) throw new AppError('not_found')
    const already = await tx.meetingInvitee.count({ where: { meetingId, viaUnitId: unitId, substituteForId: null } })
    if (already + ids.length > row.quota) throw new AppError('meeting.quota_exceeded', { quota: row.quota })
    const added = await invitePeople(tx, meeting, ids.map((personId) => ({ personId, viaUnitId: unitId })), now)
    await tx.meetingUnit.update({ where: { id: row.id }, data: { namedAt: now } })
    await completeInboxItems(tx, { objectType: 'MeetingUnit', objectId: row.id })
    await wakeRoll(tx, meetingId)
    await recordAudit(tx, { actor, action: 'meeting.name_attendees', objectType: 'Meeting', objectId: meetingId, details: { unitId, people: added }, context })
    return { added }
  })
}
