import { db } from '@/server/core/db/index.ts'
import { urgeItem, urgeInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: urgeInput }, async ({ actor, input, context, params }) => urgeItem(db(), actor, params.id!, input, context))
