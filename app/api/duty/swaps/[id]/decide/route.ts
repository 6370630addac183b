import { db } from '@/server/core/db/index.ts'
import { decideSwap, decideSwapInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'
import { afterDutyChange } from '../../../push.ts'

/** The duty manager approves (the roster changes) or rejects. */
export const POST = endpoint({ permission: 'duty.manage', input: decideSwapInput }, async ({ actor, input, params, context }) => {
  const result = await decideSwap(db(), actor, params.id!, input, context)
  await afterDutyChange(result.push)
  return { id: result.id, status: result.status, revision: result.revision, conflicts: result.conflicts }
})
