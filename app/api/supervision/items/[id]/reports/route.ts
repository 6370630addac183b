import { db } from '@/server/core/db/index.ts'
import { reportProgress, reportInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: reportInput }, async ({ actor, input, context, params }) => reportProgress(db(), actor, params.id!, input, context))
