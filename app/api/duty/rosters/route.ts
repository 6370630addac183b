import { db } from '@/server/core/db/index.ts'
import { createRoster, createRosterInput, generateRoster } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Start a roster for a post and period and schedule it at once. */
export const POST = endpoint({ permission: 'duty.manage', input: createRosterInput }, async ({ actor, input, context }) => {
  const { id } = await createRoster(db(), actor, input, context)
  return generateRoster(db(), actor, id, 0, context)
})
