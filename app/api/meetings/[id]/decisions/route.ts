import { db } from '@/server/core/db/index.ts'
import { addDecision, decisionInput } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 议定事项. */
export const POST = endpoint({ input: decisionInput }, async ({ actor, input, context, params }) => addDecision(db(), actor, params.id!, input, context))
