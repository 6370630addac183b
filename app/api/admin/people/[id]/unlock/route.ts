import { db } from '@/server/core/db/index.ts'
import { unlockPerson } from '@/server/directory/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'security.manage' }, async ({ actor, context, params }) => {
  await unlockPerson(db(), actor, params.id!, context)
  return { ok: true }
})
