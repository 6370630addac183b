import { db } from '@/server/core/db/index.ts'
import { reviewSubmission, reviewInput } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: reviewInput }, async ({ actor, input, context, params }) => reviewSubmission(db(), actor, params.id!, input, context))
