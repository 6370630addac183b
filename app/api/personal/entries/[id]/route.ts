import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { deleteEntry, updateEntry, updateEntryInput } from '@/server/personal/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PUT = endpoint({ input: updateEntryInput }, ({ actor, input, params, context }) => updateEntry(db(), actor, params.id!, input, context))
export const DELETE = endpoint({ input: z.object({ revision: z.coerce.number().int().min(0) }) }, ({ actor, input, params, context }) => deleteEntry(db(), actor, params.id!, input.revision, context))
