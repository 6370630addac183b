import type { Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { AppError, notFound } from '../core/errors.ts'
import { createInboxItems } from '../inbox/index.ts'
import { loadConversation, messagingPolicy, type ConversationRow } from './policy.ts'
import { conversationMembers } from './members.ts'
import { documentTokens } from './search-tokens.ts'
import { MESSAGE_JOINS, MESSAGE_SELECT, toView, type MessageRow, type MessageView } from './views.ts'
import { publishMessaging } from './events.ts'
import type { SendMessageInput } from './schemas.ts'

/** One message by its id, with what members see (callers have checked membership). */
export async function messageView(db: Db, id: string): Promise<MessageView | null> {
  const rows = await db.$queryRaw<MessageRow[]>`SELECT ${Prisma.raw(MESSAGE_SELECT)} FROM "Message" m ${Prisma.raw(MESSAGE_JOINS)} WHERE m.id = ${id}::uuid`
  return rows[0] ? toView(rows[0]) : null
}

/**
 * Send a message. The conversation row is locked (FOR UPDATE) and its `lastSeq` moved by one in the
 * same transaction as the insert, so sequences are gapless under any concurrency (a rolled-back send
 * takes its number back). The device's `clientId` makes a retry idempotent: the same (conversation,
 * sender, clientId) is stored once and the stored message is answered again (`duplicate: true`).
 * Mentions become 待阅 items (server/inbox) for members named; @所有人 is for topic owners.
 */
export async function sendMessage(db: Db, actor: Actor, conversationId: string, input: Required<Pick<SendMessageInput, 'clientId'>> & SendMessageInput, options: { forwardedFromId?: string; publish?: boolean } = {}): Promise<{ message: MessageView; duplicate: boolean }> {
  const c = await loadConversation(db, actor, conversationId)
  const text = input.text ?? ''
  const file = input.fileId ? await db.messageFile.findUnique({ where: { id: input.fileId }, select: { id: true, conversationId: true, uploaderId: true, fileName: true, contentType: true } }) : null
  if (input.fileId && (!file || file.conversationId !== c.id || file.uploaderId !== actor.personId)) throw notFound()
  if (!text && !file) throw new AppError('messaging.empty')
  const mentionAll = !!input.mentionAll && (await messagingPolicy.isOwner(db, actor, c))
  const mentioned = await mentionTargets(db, c, actor.personId, input.mentionIds ?? [], mentionAll)
  const tokens = documentTokens(`${text} ${file?.fileName ?? ''}`)

  const result = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "Conversation" WHERE id = ${c.id}::uuid FOR UPDATE`
    // Checked under the lock: two retries of one send arriving together queue here, the second finds the first.
    const existing = await tx.message.findUnique({ where: { conversationId_senderId_clientId: { conversationId: c.id, senderId: actor.personId, clientId: input.clientId } }, select: { id: true } })
    if (existing) return { id: existing.id, duplicate: true }
    if (input.replyToId) {
      const quoted = await tx.message.findUnique({ where: { id: input.replyToId }, select: { conversationId: true } })
      if (quoted?.conversationId !== c.id) throw notFound()
    }
    const seq = locked!.lastSeq + 1
    const now = clock.now()
    const kind = file ? (file.contentType.startsWith('image/') ? 'IMAGE' : 'FILE') : 'TEXT'
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Message" (id, "conversationId", seq, "clientId", "senderId", kind, text, "mentionIds", "mentionAll", "replyToId", "forwardedFromId", "fileId", "createdAt", "searchTsv")
      VALUES (gen_random_uuid(), ${c.id}::uuid, ${seq}, ${input.clientId}, ${actor.personId}::uuid, ${kind}::"MessageKind", ${text}, ${mentioned.named}::uuid[], ${mentionAll},
              ${input.replyToId ?? null}::uuid, ${options.forwardedFromId ?? null}::uuid, ${file?.id ?? null}::uuid, ${now}, array_to_tsvector(${tokens}::text[]))
      RETURNING id::text AS id`
    await tx.$executeRaw`UPDATE "Conversation" SET "lastSeq" = ${seq}, "lastMessageAt" = ${now} WHERE id = ${c.id}::uuid`
    // The sender has read their own message, on every device.
    await tx.$executeRaw`
      INSERT INTO "ConversationState" ("conversationId", "personId", "readSeq", "readAt") VALUES (${c.id}::uuid, ${actor.personId}::uuid, ${seq}, ${now})
      ON CONFLICT ("conversationId", "personId") DO UPDATE SET "readSeq" = GREATEST("ConversationState"."readSeq", EXCLUDED."readSeq"), "readAt" = EXCLUDED."readAt"`
    if (mentioned.inbox.length) {
      await createInboxItems(tx, mentioned.inbox.map((personId) => ({
        personId, kind: 'TO_READ' as const, module: 'messaging', objectType: 'Message', objectId: row!.id,
        title: text.slice(0, 80) || file?.fileName || '', source: actor.name, url: `/messages/${c.id}?seq=${seq}`,
      })))
    }
    return { id: row!.id, duplicate: false }
  })
  const message = (await messageView(db, result.id))!
  if (!result.duplicate && options.publish !== false) publishMessaging({ t: 'msg', c: c.id, seq: message.seq, m: message })
  return { message, duplicate: result.duplicate }
}

/** The members named (only members count), and who gets a 待阅: the named, or everyone for @所有人; never the sender. */
async function mentionTargets(db: Db, c: ConversationRow, senderId: string, ids: string[], all: boolean): Promise<{ named: string[]; inbox: string[] }> {
  if (!ids.length && !all) return { named: [], inbox: [] }
  const members = new Set((await conversationMembers(db, c)).map((m) => m.personId))
  const named = [...new Set(ids)].filter((id) => members.has(id))
  const inbox = (all ? [...members] : named).filter((id) => id !== senderId)
  return { named, inbox }
}
