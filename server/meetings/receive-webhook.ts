import type { Db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { logger } from '../core/logger.ts'
import { recordAudit } from '../core/audit/index.ts'
import { wakeRoll } from './wake-roll.ts'
import type { RequestContext } from '../core/request-context.ts'
import { meetingIdOfRoom, requireLiveKit, webhookReceiver } from './livekit.ts'

/** Events older than this are refused even when signed (a captured delivery sent again later). */
const MAX_AGE = minutes(10)

/**
 * LiveKit's webhook: verified with the SDK's receiver over the raw body (the Authorization token's
 * sha256 claim must be the body's hash, signed with our API secret), then applied once per event id:
 * participant joined → checked in by video (joining counts as 签到), left → recorded; room started and
 * finished → the video's start and end time; egress ended → the recording is attached.
 */
export async function receiveWebhook(db: Db, body: string, authorization: string | null, context: RequestContext) {
  const settings = requireLiveKit()
  let event
  try {
    event = await webhookReceiver(settings).receive(body, authorization ?? undefined)
  } catch {
    throw new AppError('meeting.webhook_invalid')
  }
  const createdAt = event.createdAt ? Number(event.createdAt) * 1000 : 0
  if (!event.id || !createdAt || Math.abs(clock.now().getTime() - createdAt) > MAX_AGE) throw new AppError('meeting.webhook_invalid')
  const roomName = event.room?.name ?? event.egressInfo?.roomName
  const meetingId = meetingIdOfRoom(roomName)
  return db.$transaction(async (tx) => {
    // A replayed delivery (same event id) changes nothing.
    const fresh = await tx.meetingWebhookEvent.createMany({ data: [{ id: event.id, receivedAt: clock.now() }], skipDuplicates: true })
    if (!fresh.count) return { applied: false, reason: 'duplicate' as const }
    if (!meetingId || !(await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true } }))) return { applied: false, reason: 'unknown_room' as const }
    const at = new Date(createdAt)
    const identity = event.participant?.identity ?? ''
    switch (event.event) {
      case 'participant_joined': {
        const invitee = /^[0-9a-f-]{36}$/.test(identity) ? await tx.meetingInvitee.findUnique({ where: { meetingId_personId: { meetingId, personId: identity } } }) : null
        if (invitee) {
          await tx.meetingInvitee.update({
            where: { id: invitee.id },
            data: { videoJoinedAt: invitee.videoJoinedAt ?? at, videoLeftAt: null, ...(invitee.checkedInAt ? {} : { checkedInAt: at, checkInMethod: 'VIDEO' }) },
          })
        }
        break
      }
      case 'participant_left':
        if (/^[0-9a-f-]{36}$/.test(identity)) await tx.meetingInvitee.updateMany({ where: { meetingId, personId: identity }, data: { videoLeftAt: at } })
        break
      case 'room_started':
        await tx.meeting.update({ where: { id: meetingId }, data: { videoStartedAt: at } })
        break
      case 'room_finished':
        await tx.meeting.update({ where: { id: meetingId }, data: { videoEndedAt: at } })
        break
      case 'egress_ended': {
        const file = event.egressInfo?.fileResults?.[0]
        const location = file?.location || file?.filename
        if (location) await tx.meeting.update({ where: { id: meetingId }, data: { recordingUrl: location } })
        break
      }
      default:
        logger.debug({ event: event.event }, 'LiveKit webhook ignored')
    }
    // Joining and leaving change the attendance on the organiser's roll.
    if (event.event === 'participant_joined' || event.event === 'participant_left') await wakeRoll(tx, meetingId)
    await recordAudit(tx, { actor: null, action: 'meeting.webhook', objectType: 'Meeting', objectId: meetingId, details: { event: event.event, id: event.id, identity: identity || null }, context })
    return { applied: true, event: event.event }
  })
}
