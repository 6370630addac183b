import { db } from '@/server/core/db/index.ts'
import { deleteRole, roleFields, updateRole } from '@/server/access/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PATCH = endpoint({ permission: 'role.manage', input: roleFields }, async ({ input, actor, context, params }) => ({
  role: await updateRole(db(), actor, params.id!, input, context),
}))

export const DELETE = endpoint({ permission: 'role.manage' }, async ({ actor, context, params }) => {
  await deleteRole(db(), actor, params.id!, context)
  return { ok: true }
})
