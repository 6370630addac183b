import type { Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { messagingPolicy } from './policy.ts'
import { OBJECT_TITLE, OBJECT_TITLE_JOINS } from './objects.ts'
import { queryTokens } from './search-tokens.ts'
import { MESSAGE_JOINS, MESSAGE_SELECT, toView, type MessageRow, type MessageView } from './views.ts'

/**
 * Full-text search over message text and file names, only in the conversations the actor belongs to
 * now (recalled messages never match). The application-made bigram/unigram tsvector with its GIN
 * index finds two-character words (会议, 预算), mixed runs (2026年预算) and Latin prefixes (PDF).
 */
export async function searchMessages(db: Db, actor: Actor, input: { q: string; conversationId?: string }): Promise<{ results: (MessageView & { conversationTitle: string })[] }> {
  const query = queryTokens(input.q)
  if (!query) return { results: [] }
  const ids = await messagingPolicy.conversationIds(db, actor)
  const scope = input.conversationId ? ids.filter((id) => id === input.conversationId) : ids
  if (!scope.length) return { results: [] }
  const rows = await db.$queryRaw<(MessageRow & { conversationTitle: string })[]>`
    SELECT ${Prisma.raw(MESSAGE_SELECT)}, COALESCE(NULLIF(c.title, ''), ${Prisma.raw(OBJECT_TITLE)}, '') AS "conversationTitle"
      FROM "Message" m ${Prisma.raw(MESSAGE_JOINS)} JOIN "Conversation" c ON c.id = m."conversationId" ${Prisma.raw(OBJECT_TITLE_JOINS)}
     WHERE m."conversationId" = ANY(${scope}::uuid[]) AND m."recalledAt" IS NULL AND m."searchTsv" @@ ${query}::tsquery
     ORDER BY m."createdAt" DESC LIMIT 50`
  return { results: rows.map((r) => ({ ...toView(r), conversationTitle: r.conversationTitle })) }
}
