import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { plainText } from '@/server/core/text.ts'
import { afterMeetingChange, cancelMeeting } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const input = z.object({ revision: z.number().int().min(0), reason: plainText(200).optional() })

export const POST = endpoint({ input }, async ({ actor, input, context, params }) => {
  const result = await cancelMeeting(db(), actor, params.id!, input, context)
  await afterMeetingChange(params.id!, result.told, 'cancel')
  return { status: result.meeting.status, told: result.told.length }
})
