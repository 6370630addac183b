import { db } from '@/server/core/db/index.ts'
import { reopenSubmission, reopenInput } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: reopenInput }, async ({ actor, input, context, params }) => reopenSubmission(db(), actor, params.id!, input, context))
