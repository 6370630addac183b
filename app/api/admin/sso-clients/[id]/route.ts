import { db } from '@/server/core/db/index.ts'
import { updateClient, updateClientInput } from '@/server/oidc/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PATCH = endpoint({ permission: 'app.manage', input: updateClientInput }, async ({ input, actor, context, params }) => {
  const client = await updateClient(db(), actor, params.id!, input, context)
  return { revision: client.revision }
})
