import { db } from '@/server/core/db/index.ts'
import { commentInput, commentReport } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The supervisor's comment, or a request for more material (补充材料). */
export const POST = endpoint({ input: commentInput }, async ({ actor, input, context, params }) => commentReport(db(), actor, params.id!, input, context))
