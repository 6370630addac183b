import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { insertBooking } from './book-room.ts'
import { lockMeeting } from './lock-meeting.ts'
import { invitePeople, meetingMails, whenText } from './invitations.ts'
import { normaliseRecurrence } from './recurrence.ts'
import { updateMeetingInput, type UpdateMeetingInput } from './schemas.ts'

/** Everyone a change concerns: invitees who have not declined or sent someone in their place. */
export async function concernedPeople(tx: Parameters<typeof lockMeeting>[0], meetingId: string): Promise<string[]> {
  const rows = await tx.meetingInvitee.findMany({ where: { meetingId, answer: { in: ['PENDING', 'ATTEND'] } }, select: { personId: true } })
  return rows.map((r) => r.personId)
}

/**
 * Change a meeting. Time, place, title or recurrence changed: SEQUENCE rises, everyone concerned gets
 * the updated ICS and a 待阅, and the room is re-booked (refused if taken). New people are invited.
 */
export async function updateMeeting(db: Db, actor: Actor, meetingId: string, input: UpdateMeetingInput, context: RequestContext) {
  const fields = updateMeetingInput.parse(input)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const before = await lockMeeting(tx, actor, meetingId, { manage: true, revision: fields.revision })
    if (before.status !== 'SCHEDULED') throw new AppError('meeting.cancelled')
    const startsAt = fields.startsAt ?? before.startsAt
    const endsAt = fields.endsAt ?? before.endsAt
    if (endsAt <= startsAt) throw new AppError('meeting.time_invalid')
    const recurrence = fields.recurrence === undefined ? before.recurrence : normaliseRecurrence(fields.recurrence, startsAt)
    const changed = (startsAt.getTime() !== before.startsAt.getTime() || endsAt.getTime() !== before.endsAt.getTime()
      || (fields.title !== undefined && fields.title !== before.title) || (fields.location !== undefined && fields.location !== before.location)
      || recurrence !== before.recurrence || fields.roomId !== undefined)
    const booking = await tx.roomBooking.findUnique({ where: { meetingId } })
    const roomId = fields.roomId === undefined ? (booking?.roomId ?? null) : fields.roomId
    if (booking && (roomId !== booking.roomId || startsAt.getTime() !== booking.startsAt.getTime() || endsAt.getTime() !== booking.endsAt.getTime())) {
      // Free the old booking first (it has no meeting now), then hold the new time: the constraint decides.
      await tx.roomBooking.update({ where: { id: booking.id }, data: { status: 'CANCELLED', meetingId: null } })
    }
    const meeting = await tx.meeting.update({
      where: { id: meetingId },
      data: {
        title: fields.title ?? before.title, startsAt, endsAt, recurrence, location: fields.location ?? before.location,
        rsvpDeadline: fields.rsvpDeadline === undefined ? before.rsvpDeadline : fields.rsvpDeadline,
        revision: { increment: 1 }, ...(changed ? { sequence: { increment: 1 } } : {}),
      },
    })
    if (roomId && before.kind !== 'VIDEO' && (!booking || booking.roomId !== roomId || booking.startsAt.getTime() !== startsAt.getTime() || booking.endsAt.getTime() !== endsAt.getTime())) {
      await insertBooking(tx, actor, { roomId, title: meeting.title, startsAt, endsAt, unitId: meeting.organiserUnitId, meetingId })
    }
    const told = changed ? await concernedPeople(tx, meetingId) : []
    if (told.length) {
      await createInboxItems(tx, told.map((personId) => ({
        personId, kind: 'TO_READ', module: 'meetings', objectType: 'MeetingChange', objectId: `${meetingId}:${meeting.sequence}`,
        title: `会议变更：${meeting.title}`, source: whenText(meeting), url: `/meetings/${meetingId}`, unitId: meeting.organiserUnitId,
      })))
      await meetingMails(tx, meeting, told, 'REQUEST', `会议变更：${meeting.title}`, '会议的时间或地点有变更，请以本邮件为准：', now)
    }
    const invited = fields.personIds ? await invitePeople(tx, meeting, fields.personIds.map((personId) => ({ personId })), now) : []
    await recordAudit(tx, {
      actor, action: 'meeting.update', objectType: 'Meeting', objectId: meetingId,
      details: { sequence: meeting.sequence, startsAt, endsAt, told: told.length, invited: invited.length }, context,
    })
    return { meeting, told, invited }
  })
}
