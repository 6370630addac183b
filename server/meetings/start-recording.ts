import { EncodedFileOutput } from 'livekit-server-sdk'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { callLiveKit, egressService, requireLiveKit, videoRoomName } from './livekit.ts'
import { videoRoleFor } from './video-token.ts'

/**
 * Record the meeting (LiveKit Egress, room composite to a file in the egress service's storage).
 * Only hosts, and only for unmarked meetings: an 内部 meeting is not recorded. The file is attached
 * when LiveKit reports egress_ended (receive-webhook.ts).
 */
export async function startRecording(db: Db, actor: Actor, meetingId: string, context: RequestContext) {
  const settings = requireLiveKit()
  const { meeting, role } = await videoRoleFor(db, actor, meetingId)
  if (role !== 'host') throw new AppError('forbidden')
  if (meeting.marking !== 'NONE') throw new AppError('forbidden')
  const output = new EncodedFileOutput({ filepath: `xietong/${meeting.id}-{time}.mp4` })
  const info = await callLiveKit('startRoomCompositeEgress', () => egressService(settings).startRoomCompositeEgress(videoRoomName(meeting.id), output, { layout: 'speaker' }))
  await db.$transaction(async (tx) => {
    await recordAudit(tx, { actor, action: 'meeting.host_control', objectType: 'Meeting', objectId: meetingId, details: { action: 'record', egressId: info.egressId }, context })
  })
  return { egressId: info.egressId }
}
