import { db } from '@/server/core/db/index.ts'
import { getConversation, setConversationState, stateInput } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor, params }) => getConversation(db(), actor, params.id!))

/** Pin or mute (the person's own setting). */
export const PATCH = endpoint({ input: stateInput }, async ({ actor, params, input }) => setConversationState(db(), actor, params.id!, input))
