import { db } from '@/server/core/db/index.ts'
import { submitForReview, submitInput } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: submitInput }, async ({ actor, input, context, params }) => submitForReview(db(), actor, params.id!, input, context))
