import { db } from '@/server/core/db/index.ts'
import { afterMeetingChange, answerInput, answerInvitation } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 参会回执: attend, decline with a reason, or send a substitute. */
export const POST = endpoint({ input: answerInput }, async ({ actor, input, context, params }) => {
  const result = await answerInvitation(db(), actor, params.id!, input, context)
  if (result.substitute) await afterMeetingChange(params.id!, [result.substitute], 'invite')
  return { answer: result.invitee.answer, substitute: result.substitute }
})
