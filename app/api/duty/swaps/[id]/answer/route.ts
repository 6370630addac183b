import { db } from '@/server/core/db/index.ts'
import { answerSwap, answerSwapInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'
import { afterDutyChange } from '../../../push.ts'

/** The counterpart accepts or declines. */
export const POST = endpoint({ input: answerSwapInput }, async ({ actor, input, params, context }) => {
  const result = await answerSwap(db(), actor, params.id!, input, context)
  await afterDutyChange(result.push)
  return { id: result.id, status: result.status, revision: result.revision }
})
