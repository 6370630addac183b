import { db } from '@/server/core/db/index.ts'
import { answerAssignment, answerInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** 签收 (naming the owner) or 退回 (with a reason). */
export const POST = endpoint({ input: answerInput }, async ({ actor, input, context, params }) => answerAssignment(db(), actor, params.id!, input, context))
