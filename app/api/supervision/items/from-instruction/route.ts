import { db } from '@/server/core/db/index.ts'
import { createItemFromInstruction, fromInstructionInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 领导批示 → 督办事项: the leader at an incoming document's 批办 step. */
export const POST = endpoint({ input: fromInstructionInput }, async ({ actor, input, context }) => createItemFromInstruction(db(), actor, input, context))
