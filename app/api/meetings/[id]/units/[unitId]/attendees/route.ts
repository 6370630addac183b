import { db } from '@/server/core/db/index.ts'
import { afterMeetingChange, nameAttendeesInput, nameUnitAttendees } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../../lib/api.ts'

/** 单位报名: the unit's office names who attends. */
export const POST = endpoint({ permission: 'meeting.organise', input: nameAttendeesInput }, async ({ actor, input, context, params }) => {
  const result = await nameUnitAttendees(db(), actor, params.id!, params.unitId!, input, context)
  await afterMeetingChange(params.id!, result.added, 'invite')
  return { added: result.added.length }
})
