import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { setUnitActive } from '@/server/directory/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'unit.manage', input: z.object({ isActive: z.boolean() }) }, async ({ input, actor, context, params }) => ({
  unit: await setUnitActive(db(), actor, params.id!, input.isActive, context),
}))
