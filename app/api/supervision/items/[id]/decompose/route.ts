import { db } from '@/server/core/db/index.ts'
import { decomposeItem, decomposeInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: decomposeInput }, async ({ actor, input, context, params }) => decomposeItem(db(), actor, params.id!, input, context))
