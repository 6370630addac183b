import { randomUUID } from 'node:crypto'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { meetingPolicy } from './policy.ts'
import { insertBooking, organiserUnitOf } from './book-room.ts'
import { invitePeople, unitContacts, whenText, type NewInvitee } from './invitations.ts'
import { normaliseRecurrence } from './recurrence.ts'
import { createMeetingInput, type CreateMeetingInput } from './schemas.ts'

export type MeetingCreated = { id: string; invited: string[]; units: number; bookingStatus: string | null }

/**
 * Call a meeting: the meeting, its room booking (refused if the room is taken), the people invited
 * (each a 待办 and mail with the ICS), and the units invited as units (their office gets a 待办 to
 * name attendees), all in one transaction. Push and reminders are queued by the caller after commit.
 */
export async function createMeeting(db: Db, actor: Actor, input: CreateMeetingInput, context: RequestContext): Promise<MeetingCreated> {
  const fields = createMeetingInput.parse(input)
  if (!meetingPolicy.mayOrganise(actor)) throw new AppError('forbidden')
  if (fields.endsAt <= fields.startsAt) throw new AppError('meeting.time_invalid')
  if (fields.rsvpDeadline && fields.rsvpDeadline > fields.startsAt) throw new AppError('meeting.time_invalid')
  const recurrence = normaliseRecurrence(fields.recurrence, fields.startsAt)
  const unit = await organiserUnitOf(db, actor, fields.organiserUnitId)
  const personIds = [...new Set([fields.chairId, ...fields.hostIds, ...fields.speakerIds, ...fields.personIds])]
  const found = await db.person.count({ where: { id: { in: personIds }, isActive: true } })
  if (found !== personIds.length) throw new AppError('not_found')
  const unitIds = [...new Set(fields.units.map((u) => u.unitId))]
  if (unitIds.length && (await db.unit.count({ where: { id: { in: unitIds }, isActive: true } })) !== unitIds.length) throw new AppError('not_found')
  const now = clock.now()
  const roleOf = (id: string) => (id === fields.chairId || fields.hostIds.includes(id) ? 'HOST' : fields.speakerIds.includes(id) ? 'SPEAKER' : 'ATTENDEE') as NewInvitee['role']

  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.create({
      data: {
        title: fields.title, kind: fields.kind, organiserUnitId: unit.id, organiserId: actor.personId, chairId: fields.chairId,
        startsAt: fields.startsAt, endsAt: fields.endsAt, recurrence, location: fields.location, rsvpDeadline: fields.rsvpDeadline ?? null,
        marking: fields.marking, allowVideo: fields.kind !== 'ROOM' && fields.allowVideo, isBriefing: fields.isBriefing,
        chairVenueUnitId: fields.chairVenueUnitId ?? null, reminderMinutes: fields.reminderMinutes,
        icsUid: `${randomUUID()}@xietong`, createdAt: now,
      },
    })
    let bookingStatus: string | null = null
    if (fields.roomId && fields.kind !== 'VIDEO') {
      const { booking, room } = await insertBooking(tx, actor, { roomId: fields.roomId, title: fields.title, startsAt: fields.startsAt, endsAt: fields.endsAt, unitId: unit.id, meetingId: meeting.id, attendees: personIds.length })
      bookingStatus = booking.status
      if (!meeting.location) await tx.meeting.update({ where: { id: meeting.id }, data: { location: room.location ? `${room.name}（${room.location}）` : room.name } })
    }
    const current = await tx.meeting.findUniqueOrThrow({ where: { id: meeting.id } })
    const invited = await invitePeople(tx, current, personIds.map((personId) => ({ personId, role: roleOf(personId) })), now)
    for (const u of fields.units) {
      const row = await tx.meetingUnit.create({ data: { meetingId: meeting.id, unitId: u.unitId, quota: u.quota } })
      const contacts = await unitContacts(tx, u.unitId)
      await createInboxItems(tx, contacts.map((personId) => ({
        personId, kind: 'TODO', module: 'meetings', objectType: 'MeetingUnit', objectId: row.id, title: `单位报名：${meeting.title}`,
        source: `${unit.name} · ${whenText(meeting)}`, url: `/meetings/${meeting.id}`, dueAt: meeting.rsvpDeadline ?? meeting.startsAt, unitId: u.unitId,
      })))
    }
    await recordAudit(tx, {
      actor, action: 'meeting.create', objectType: 'Meeting', objectId: meeting.id,
      details: { title: meeting.title, kind: meeting.kind, startsAt: meeting.startsAt, roomId: fields.roomId ?? null, people: personIds.length, units: unitIds },
      context,
    })
    return { id: meeting.id, invited, units: fields.units.length, bookingStatus }
  }, { timeout: 120_000 })
}
