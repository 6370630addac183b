import { db } from '@/server/core/db/index.ts'
import { forwardInput, forwardMessage } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** 转发 to another conversation of the actor's. */
export const POST = endpoint({ input: forwardInput }, async ({ actor, params, input }) => forwardMessage(db(), actor, params.id!, input))
