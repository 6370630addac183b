import { db } from '@/server/core/db/index.ts'
import { publishRoster, revisionInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'
import { afterDutyChange } from '../../../push.ts'

export const POST = endpoint({ permission: 'duty.manage', input: revisionInput }, async ({ actor, input, params, context }) => {
  const result = await publishRoster(db(), actor, params.id!, input.revision, context)
  await afterDutyChange(result.push)
  return result
})
