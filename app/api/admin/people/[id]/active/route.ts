import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { setPersonActive } from '@/server/directory/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'person.manage', input: z.object({ isActive: z.boolean() }) }, async ({ input, actor, context, params }) => {
  await setPersonActive(db(), actor, params.id!, input.isActive, context)
  return { ok: true }
})
