import { actorOf } from '../auth/index.ts'
import { holdersOver, unitIdsInScope, type Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { isUuid } from '../core/strings.ts'
import { findVisibleMeeting } from './policy.ts'

/** Whether the person may see the meeting now (`visibleMeetingsWhere`; missing and invisible alike: false). */
export async function maySeeMeeting(db: Db, actor: Actor, meetingId: string): Promise<boolean> {
  return isUuid(meetingId) && !!(await findVisibleMeeting(db, actor, meetingId))
}

/** The same rule as `visibleMeetingsWhere`, as a condition on `"Meeting" m` (for joining another module's rows). */
export async function visibleMeetingsSql(db: Db, actor: Actor): Promise<Prisma.Sql> {
  const me = actor.personId
  const offices = await unitIdsInScope(db, actor, 'meeting.organise')
  const office = offices.length
    ? Prisma.sql`OR m."organiserUnitId" = ANY(${offices}::uuid[]) OR EXISTS (SELECT 1 FROM "MeetingUnit" mu WHERE mu."meetingId" = m.id AND mu."unitId" = ANY(${offices}::uuid[]))`
    : Prisma.empty
  return Prisma.sql`(m."organiserId" = ${me}::uuid OR m."chairId" = ${me}::uuid
    OR EXISTS (SELECT 1 FROM "MeetingInvitee" mi WHERE mi."meetingId" = m.id AND mi."personId" = ${me}::uuid) ${office})`
}

/**
 * Everyone the meetings policy lets see the meeting (messaging's thread): the organiser, the chair,
 * the invitees and the offices holding 办会 over the organiser unit or an invited unit, each then
 * checked by the policy itself, so this never says more than `findVisibleMeeting`.
 */
export async function meetingAudience(db: Db, meetingId: string): Promise<string[]> {
  if (!isUuid(meetingId)) return []
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: { organiserId: true, chairId: true, invitees: { select: { personId: true } }, units: { select: { unitId: true } }, organiserUnitId: true },
  })
  if (!meeting) return []
  const units = await db.unit.findMany({ where: { id: { in: [meeting.organiserUnitId, ...meeting.units.map((u) => u.unitId)] } }, select: { path: true } })
  const candidates = new Set([meeting.organiserId, meeting.chairId, ...meeting.invitees.map((i) => i.personId), ...(await holdersOver(db, 'meeting.organise', units.map((u) => u.path)))])
  const audience: string[] = []
  for (const personId of candidates) {
    const actor = await actorOf(db, personId)
    if (actor && (await maySeeMeeting(db, actor, meetingId))) audience.push(personId)
  }
  return audience
}

/** A meeting's title, for a thread's name (only after the caller has checked it may be seen). */
export async function meetingTitle(db: Db, meetingId: string): Promise<string | null> {
  return (await db.meeting.findUnique({ where: { id: meetingId }, select: { title: true } }))?.title ?? null
}
