import { db } from '@/server/core/db/index.ts'
import { ensureUnitGroups, listConversations } from '@/server/messaging/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** The person's conversations with unread counts, last message, pinned and muted. */
export const GET = endpoint({}, async ({ actor }) => {
  await ensureUnitGroups(db(), actor)
  return { conversations: await listConversations(db(), actor) }
})
