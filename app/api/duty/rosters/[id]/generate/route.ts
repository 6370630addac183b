import { db } from '@/server/core/db/index.ts'
import { generateRoster, revisionInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'


export const POST = endpoint({ permission: 'duty.manage', input: revisionInput }, async ({ actor, input, params, context }) => {
  const result = await generateRoster(db(), actor, params.id!, input.revision, context)

  return result
})
