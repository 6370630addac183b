import { db } from '@/server/core/db/index.ts'
import { urgeSubmission, urgeInput } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: urgeInput }, async ({ actor, input, context, params }) => urgeSubmission(db(), actor, params.id!, input, context))
