import { db } from '@/server/core/db/index.ts'
import { copyRole } from '@/server/access/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'role.manage' }, async ({ actor, context, params }) => ({
  role: await copyRole(db(), actor, params.id!, context),
}))
