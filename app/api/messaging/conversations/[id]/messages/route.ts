import { db } from '@/server/core/db/index.ts'
import { historyInput, listMessages, sendMessage, sendMessageInput } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** History by sequence (`before` for older pages, `after` to catch up). */
export const GET = endpoint({ input: historyInput }, async ({ actor, params, input }) => ({ messages: await listMessages(db(), actor, params.id!, input) }))

/** Send; a retry with the same clientId answers the stored message. */
export const POST = endpoint({ input: sendMessageInput }, async ({ actor, params, input }) => sendMessage(db(), actor, params.id!, input))
