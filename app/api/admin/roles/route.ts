import { db } from '@/server/core/db/index.ts'
import { createRole, listRoles, roleFields } from '@/server/access/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({ permission: 'role.manage' }, async () => ({ roles: await listRoles(db()) }))

export const POST = endpoint({ permission: 'role.manage', input: roleFields }, async ({ input, actor, context }) => ({
  role: await createRole(db(), actor, input, context),
}))
