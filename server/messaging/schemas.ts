import { z } from 'zod'
import { plainText, searchText } from '../core/text.ts'

export const openDirectInput = z.object({ personId: z.uuid() })
export const createTopicInput = z.object({ title: plainText(60).refine((s) => s.length > 0, { message: "required" }), memberIds: z.array(z.uuid()).max(500).default([]) })
export const membersInput = z.object({ add: z.array(z.uuid()).max(500).default([]), remove: z.array(z.uuid()).max(500).default([]) })
export const sendMessageInput = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  text: plainText(4000).default(''),
  mentionIds: z.array(z.uuid()).max(100).default([]),
  mentionAll: z.boolean().default(false),
  replyToId: z.uuid().optional(),
  fileId: z.uuid().optional(),
})
export const historyInput = z.object({ before: z.coerce.number().int().min(1).optional(), after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
export const readInput = z.object({ seq: z.number().int().min(0) })
export const stateInput = z.object({ pinned: z.boolean().optional(), muted: z.boolean().optional() })
export const searchInput = z.object({ q: searchText(100), conversationId: z.uuid().optional() })
export const forwardInput = z.object({ toConversationId: z.uuid(), clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) })
export type SendMessageInput = z.input<typeof sendMessageInput>
