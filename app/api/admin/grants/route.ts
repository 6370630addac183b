import { db } from '@/server/core/db/index.ts'
import { grantInput, grantRole } from '@/server/access/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ permission: 'role.manage', input: grantInput }, async ({ input, actor, context }) => ({
  grant: await grantRole(db(), actor, input, context),
}))
