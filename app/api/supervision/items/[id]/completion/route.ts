import { db } from '@/server/core/db/index.ts'
import { requestCompletion, completionInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: completionInput }, async ({ actor, input, context, params }) => requestCompletion(db(), actor, params.id!, input, context))
