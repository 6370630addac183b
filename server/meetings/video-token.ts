import { AccessToken } from 'livekit-server-sdk'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, hours, minutes } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { findVisibleMeeting, meetingPolicy } from './policy.ts'
import { requireLiveKit, videoRoomName } from './livekit.ts'
import { grantFor, videoRoleOf, type VideoRole } from './video-policy.ts'

/** Tokens live ten minutes: enough to connect (LiveKit refreshes a connected participant's token itself). */
export const VIDEO_TOKEN_TTL_SECONDS = 600

/** The viewer's video role in a meeting (null: may not join), by the one rule in video-policy.ts. */
export async function videoRoleFor(db: Db, actor: Actor, meetingId: string) {
  const meeting = await findVisibleMeeting(db, actor, meetingId)
  if (!meeting) throw new AppError('not_found')
  const [unit, invitee, posts, venue] = await Promise.all([
    db.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { path: true } }),
    db.meetingInvitee.findUnique({ where: { meetingId_personId: { meetingId, personId: actor.personId } } }),
    db.post.findMany({ where: { personId: actor.personId }, select: { unit: { select: { path: true } } } }),
    meeting.chairVenueUnitId ? db.unit.findUnique({ where: { id: meeting.chairVenueUnitId }, select: { path: true } }) : null,
  ])
  const role = videoRoleOf(meeting, { personId: actor.personId, mayManage: meetingPolicy.mayManageMeeting(actor, meeting, unit), invitee, unitPaths: posts.map((p) => p.unit.path) }, venue?.path ?? null)
  return { meeting, role }
}

/**
 * A LiveKit token naming the person (identity = person id, name = their name), for the meeting's room,
 * with the grant of their role; from half an hour before the start until an hour after the end.
 */
export async function issueVideoToken(db: Db, actor: Actor, meetingId: string, context: RequestContext): Promise<{ token: string; url: string; room: string; role: VideoRole; audioOnlyDefault: boolean }> {
  const settings = requireLiveKit()
  const { meeting, role } = await videoRoleFor(db, actor, meetingId)
  if (!role) throw new AppError('meeting.video_not_allowed')
  const now = clock.now().getTime()
  if (now < meeting.startsAt.getTime() - minutes(30) || now > meeting.endsAt.getTime() + hours(1)) throw new AppError('meeting.checkin_closed')
  const room = videoRoomName(meeting.id)
  const token = new AccessToken(settings.key, settings.secret, { identity: actor.personId, name: actor.name, ttl: VIDEO_TOKEN_TTL_SECONDS, metadata: JSON.stringify({ role }) })
  token.addGrant(grantFor(role, room))
  const jwt = await token.toJwt()
  await db.$transaction(async (tx) => {
    await recordAudit(tx, { actor, action: 'meeting.video_token', objectType: 'Meeting', objectId: meeting.id, details: { role }, context })
  })
  return { token: jwt, url: settings.url, room, role, audioOnlyDefault: role === 'attendee' }
}
