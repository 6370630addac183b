import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { resetPersonPassword } from '@/server/directory/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'person.manage', input: z.object({ temporaryPassword: z.string().min(1).max(128) }) }, async ({ input, actor, context, params }) => {
  await resetPersonPassword(db(), actor, params.id!, input.temporaryPassword, context)
  return { ok: true }
})
