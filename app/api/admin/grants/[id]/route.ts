import { db } from '@/server/core/db/index.ts'
import { revokeGrant } from '@/server/access/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const DELETE = endpoint({ permission: 'role.manage' }, async ({ actor, context, params }) => {
  await revokeGrant(db(), actor, params.id!, context)
  return { ok: true }
})
