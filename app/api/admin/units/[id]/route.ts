import { db } from '@/server/core/db/index.ts'
import { unitFields, updateUnit } from '@/server/directory/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PATCH = endpoint({ permission: 'unit.manage', input: unitFields }, async ({ input, actor, context, params }) => ({
  unit: await updateUnit(db(), actor, params.id!, input, context),
}))
