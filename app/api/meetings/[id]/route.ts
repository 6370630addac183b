import { db } from '@/server/core/db/index.ts'
import { afterMeetingChange, getMeeting, updateMeeting, updateMeetingInput } from '@/server/meetings/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor, params }) => getMeeting(db(), actor, params.id!))

export const PATCH = endpoint({ input: updateMeetingInput, maxBodyBytes: 256 * 1024 }, async ({ actor, input, context, params }) => {
  const result = await updateMeeting(db(), actor, params.id!, input, context)
  await afterMeetingChange(params.id!, result.told, 'change')
  if (result.invited.length) await afterMeetingChange(params.id!, result.invited, 'invite')
  return { revision: result.meeting.revision, sequence: result.meeting.sequence, told: result.told.length, invited: result.invited.length }
})
