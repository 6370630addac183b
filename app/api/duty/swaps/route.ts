import { db } from '@/server/core/db/index.ts'
import { requestSwap, requestSwapInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'
import { afterDutyChange } from '../push.ts'

/** 换班/替班: the person on a shift asks a colleague. */
export const POST = endpoint({ input: requestSwapInput }, async ({ actor, input, context }) => {
  const result = await requestSwap(db(), actor, input, context)
  await afterDutyChange(result.push)
  return { id: result.id }
})
