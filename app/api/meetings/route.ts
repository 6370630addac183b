import { db } from '@/server/core/db/index.ts'
import { afterMeetingChange, createMeeting, createMeetingInput, listMeetings } from '@/server/meetings/index.ts'
import { endpoint } from '../../lib/api.ts'

export const GET = endpoint({}, async ({ actor }) => ({ meetings: await listMeetings(db(), actor) }))

/** Call a meeting; after it commits, mail goes out, invitees' devices are pushed and reminders queued. */
export const POST = endpoint({ permission: 'meeting.organise', input: createMeetingInput, maxBodyBytes: 256 * 1024 /* up to 5,000 person ids */ }, async ({ actor, input, context }) => {
  const made = await createMeeting(db(), actor, input, context)
  await afterMeetingChange(made.id, made.invited, 'invite')
  return { id: made.id, invited: made.invited.length, units: made.units, bookingStatus: made.bookingStatus }
})
