import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { createUnit, unitFields } from '@/server/directory/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint(
  { permission: 'unit.manage', input: unitFields.extend({ parentId: z.uuid() }) },
  async ({ input: { parentId, ...fields }, actor, context }) => ({ unit: await createUnit(db(), actor, parentId, fields, context) }),
)
