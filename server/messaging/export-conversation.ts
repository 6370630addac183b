import { holdsPlatformWide, type Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { isUuid } from '../core/strings.ts'
import { conversationMembers } from './members.ts'
import { OBJECT_TITLE, OBJECT_TITLE_JOINS } from './objects.ts'

/** Export belongs to the auditor (audit.view over the whole platform), never to members. */
export const mayExportConversations = (actor: Actor) => holdsPlatformWide(actor, 'audit.view')

/**
 * A conversation's full record for the auditor (等保): every message kept, recalled ones with their
 * text and when they were recalled, files by name and size, the member rows with when they were
 * added and removed, and the members now. The export itself is audited.
 */
export async function exportConversation(db: Db, actor: Actor, conversationId: string, context: RequestContext) {
  if (!mayExportConversations(actor) || !isUuid(conversationId)) throw notFound()
  const c = await db.conversation.findUnique({ where: { id: conversationId } })
  if (!c) throw notFound()
  const messages = await db.$queryRaw<{ seq: number; sender: string; senderAccount: string; kind: string; text: string; createdAt: Date; recalledAt: Date | null; replyToSeq: number | null; forwarded: boolean; fileName: string | null; fileSize: number | null }[]>`
    SELECT m.seq, p.name AS sender, p.account AS "senderAccount", m.kind::text AS kind, m.text, m."createdAt", m."recalledAt",
           r.seq AS "replyToSeq", (m."forwardedFromId" IS NOT NULL) AS forwarded, f."fileName", f.size AS "fileSize"
      FROM "Message" m JOIN "Person" p ON p.id = m."senderId" LEFT JOIN "Message" r ON r.id = m."replyToId" LEFT JOIN "MessageFile" f ON f.id = m."fileId"
     WHERE m."conversationId" = ${c.id}::uuid ORDER BY m.seq`
  const memberRows = await db.$queryRaw<{ name: string; account: string; role: string; addedAt: Date; removedAt: Date | null }[]>(Prisma.sql`
    SELECT p.name, p.account, m.role::text AS role, m."addedAt", m."removedAt" FROM "ConversationMember" m JOIN "Person" p ON p.id = m."personId"
     WHERE m."conversationId" = ${c.id}::uuid ORDER BY m."addedAt"`)
  const current = await conversationMembers(db, c)
  const record = {
    exportedAt: clock.now().toISOString(),
    exportedBy: actor.name,
    conversation: { id: c.id, kind: c.kind, title: c.title, unitId: c.unitId, documentId: c.documentId, meetingId: c.meetingId, supervisionItemId: c.supervisionItemId, createdAt: c.createdAt.toISOString(), lastSeq: c.lastSeq },
    memberHistory: memberRows.map((m) => ({ ...m, addedAt: m.addedAt.toISOString(), removedAt: m.removedAt?.toISOString() ?? null })),
    membersNow: current.map((m) => m.name),
    messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), recalledAt: m.recalledAt?.toISOString() ?? null })),
  }
  await db.$transaction((tx) => recordAudit(tx, { actor, action: 'messaging.export', objectType: 'Conversation', objectId: c.id, details: { messages: messages.length, recalled: messages.filter((m) => m.recalledAt).length }, context }))
  return record
}

/** Conversations for the auditor to choose from (by title, or a member's or sender's name). */
export async function listConversationsForAudit(db: Db, actor: Actor, q: string) {
  if (!mayExportConversations(actor)) throw notFound()
  const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  return db.$queryRaw<{ id: string; kind: string; title: string; lastSeq: number; lastMessageAt: Date | null }[]>`
    SELECT c.id::text AS id, c.kind::text AS kind, COALESCE(NULLIF(c.title, ''), ${Prisma.raw(OBJECT_TITLE)},
             (SELECT string_agg(p.name, '、') FROM "ConversationMember" m JOIN "Person" p ON p.id = m."personId" WHERE m."conversationId" = c.id), '') AS title,
           c."lastSeq", c."lastMessageAt"
      FROM "Conversation" c ${Prisma.raw(OBJECT_TITLE_JOINS)}
     WHERE ${q} = '' OR c.title LIKE ${like} OR ${Prisma.raw(OBJECT_TITLE)} LIKE ${like}
        OR EXISTS (SELECT 1 FROM "ConversationMember" m JOIN "Person" p ON p.id = m."personId" WHERE m."conversationId" = c.id AND p.name LIKE ${like})
     ORDER BY c."lastMessageAt" DESC NULLS LAST LIMIT 50`
}
