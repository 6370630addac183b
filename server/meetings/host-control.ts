import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { callLiveKit, requireLiveKit, roomService, videoRoomName } from './livekit.ts'
import { listeningPermission, speakingPermission } from './video-policy.ts'
import { videoRoleFor } from './video-token.ts'

export const hostControlInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('mute'), identity: z.uuid(), trackSid: z.string().regex(/^TR_\w+$/) }),
  z.object({ action: z.literal('grant'), identity: z.uuid() }),
  z.object({ action: z.literal('revoke'), identity: z.uuid() }),
  z.object({ action: z.literal('remove'), identity: z.uuid() }),
  z.object({ action: z.literal('end') }),
])
export type HostControlInput = z.input<typeof hostControlInput>

/**
 * Host controls through LiveKit's RoomService: mute a participant's track, give or take the floor,
 * remove someone, end the meeting for all. Only a host by the video policy; each act is audited.
 */
export async function hostControl(db: Db, actor: Actor, meetingId: string, input: HostControlInput, context: RequestContext) {
  const command = hostControlInput.parse(input)
  const settings = requireLiveKit()
  const { role } = await videoRoleFor(db, actor, meetingId)
  if (role !== 'host') throw new AppError('forbidden')
  const room = videoRoomName(meetingId)
  const service = roomService(settings)
  await callLiveKit(command.action, async () => {
    switch (command.action) {
      case 'mute': return void (await service.mutePublishedTrack(room, command.identity, command.trackSid, true))
      case 'grant': return void (await service.updateParticipant(room, command.identity, { permission: speakingPermission }))
      case 'revoke': return void (await service.updateParticipant(room, command.identity, { permission: listeningPermission }))
      case 'remove': return void (await service.removeParticipant(room, command.identity))
      case 'end': return void (await service.deleteRoom(room))
    }
  })
  await db.$transaction(async (tx) => {
    await recordAudit(tx, { actor, action: 'meeting.host_control', objectType: 'Meeting', objectId: meetingId, details: { ...command }, context })
  })
  return { ok: true }
}
