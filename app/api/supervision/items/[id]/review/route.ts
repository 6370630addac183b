import { db } from '@/server/core/db/index.ts'
import { reviewCompletion, reviewInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: reviewInput }, async ({ actor, input, context, params }) => reviewCompletion(db(), actor, params.id!, input, context))
