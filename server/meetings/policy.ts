import type { Db, Prisma, Tx } from '../core/db/index.ts'
import { hasPermission, unitIdsInScope, type Actor } from '../core/authz/index.ts'

type UnitRef = { path: string }

/**
 * Who may do what with rooms and meetings. 办会 is `meeting.organise`, held over units: the office
 * that holds it over a room's unit manages and approves that room; over a meeting's organiser unit (or
 * an invited unit) it sees the meeting. Everyone else sees a meeting only as organiser, chair or invitee.
 */
export const meetingPolicy = {
  /** May book rooms and organise meetings at all (an entry on the page). */
  mayOrganise: (actor: Actor) => hasPermission(actor, 'meeting.organise'),
  mayOrganiseFor: (actor: Actor, unit: UnitRef) => hasPermission(actor, 'meeting.organise', { unitPath: unit.path }),
  /** Manage a room and decide its bookings: the office over the room's unit. */
  mayManageRoom: (actor: Actor, roomUnit: UnitRef) => hasPermission(actor, 'meeting.organise', { unitPath: roomUnit.path }),
  /** Change, cancel, see the roll, post agenda, minutes and decisions: the organiser, or the organiser unit's office. */
  mayManageMeeting: (actor: Actor, meeting: { organiserId: string }, organiserUnit: UnitRef) =>
    meeting.organiserId === actor.personId || hasPermission(actor, 'meeting.organise', { unitPath: organiserUnit.path }),
  /** 单位报名: the office over an invited unit names its attendees. */
  mayNameForUnit: (actor: Actor, unit: UnitRef) => hasPermission(actor, 'meeting.organise', { unitPath: unit.path }),
}

/** The meetings the actor may see, as a query: what is outside it answers not found. */
export async function visibleMeetingsWhere(db: Db | Tx, actor: Actor): Promise<Prisma.MeetingWhereInput> {
  const offices = await unitIdsInScope(db, actor, 'meeting.organise')
  return {
    OR: [
      { organiserId: actor.personId },
      { chairId: actor.personId },
      { invitees: { some: { personId: actor.personId } } },
      ...(offices.length ? [{ organiserUnitId: { in: offices } }, { units: { some: { unitId: { in: offices } } } }] : []),
    ],
  }
}

/** A meeting the actor may see, or null (callers answer not found). */
export async function findVisibleMeeting(db: Db | Tx, actor: Actor, meetingId: string) {
  return db.meeting.findFirst({ where: { AND: [{ id: meetingId }, await visibleMeetingsWhere(db, actor)] } })
}
