import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { resetPersonPassword } from '@/server/directory/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

// No route-level permission: person managers reset ordinary people's passwords, the security
// administrator privileged ones too; resetPersonPassword decides (accountPolicy).
export const POST = endpoint({ input: z.object({ temporaryPassword: z.string().min(1).max(128) }) }, async ({ input, actor, context, params }) => {
  await resetPersonPassword(db(), actor, params.id!, input.temporaryPassword, context)
  return { ok: true }
})
