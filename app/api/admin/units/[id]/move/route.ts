import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { moveUnit } from '@/server/directory/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'unit.manage', input: z.object({ parentId: z.uuid() }) }, async ({ input, actor, context, params }) => {
  await moveUnit(db(), actor, params.id!, input.parentId, context)
  return { ok: true }
})
