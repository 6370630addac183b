import type { Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { notFound } from '../core/errors.ts'
import { objectOf, objectThreads } from './objects.ts'
import { loadConversation, messagingPolicy } from './policy.ts'
import { conversationMembers } from './members.ts'
import { publishMessaging } from './events.ts'
import { MESSAGE_JOINS, MESSAGE_SELECT, toView, type MessageRow, type MessageView } from './views.ts'

/** A conversation with its members and how far each has read (the page's receipts are computed from this). */
export async function getConversation(db: Db, actor: Actor, id: string) {
  const c = await loadConversation(db, actor, id)
  const members = await conversationMembers(db, c)
  const states = await db.conversationState.findMany({ where: { conversationId: c.id, personId: { in: members.map((m) => m.personId) } }, select: { personId: true, readSeq: true, pinned: true, muted: true } })
  const readOf = new Map(states.map((s) => [s.personId, s.readSeq]))
  const mine = states.find((s) => s.personId === actor.personId)
  const object = objectOf(c)
  const title = c.kind === 'DIRECT' ? (members.find((m) => m.personId !== actor.personId)?.name ?? '')
    : object ? ((await objectThreads[object.kind].title(db, object.id)) ?? '') : c.title
  return {
    id: c.id,
    kind: c.kind,
    title,
    documentId: c.documentId,
    /** The document, meeting or supervision item this is the thread of, with its page. */
    object: object ? { kind: object.kind, id: object.id, href: objectThreads[object.kind].href(object.id) } : null,
    lastSeq: c.lastSeq,
    isOwner: await messagingPolicy.isOwner(db, actor, c),
    pinned: mine?.pinned ?? false,
    muted: mine?.muted ?? false,
    readSeq: mine?.readSeq ?? 0,
    members: members.map((m) => ({ ...m, readSeq: readOf.get(m.personId) ?? 0 })),
  }
}

/**
 * History by sequence: the `limit` messages before `before` (older pages), or after `after` (catching
 * up), in ascending order. Recalled messages keep their place without their content.
 */
export async function listMessages(db: Db, actor: Actor, id: string, input: { before?: number; after?: number; limit: number }): Promise<MessageView[]> {
  const c = await loadConversation(db, actor, id)
  if (input.after !== undefined) {
    const rows = await db.$queryRaw<MessageRow[]>`
      SELECT ${Prisma.raw(MESSAGE_SELECT)} FROM "Message" m ${Prisma.raw(MESSAGE_JOINS)}
       WHERE m."conversationId" = ${c.id}::uuid AND m.seq > ${input.after} ORDER BY m.seq LIMIT ${input.limit}`
    return rows.map(toView)
  }
  const rows = await db.$queryRaw<MessageRow[]>`
    SELECT ${Prisma.raw(MESSAGE_SELECT)} FROM "Message" m ${Prisma.raw(MESSAGE_JOINS)}
     WHERE m."conversationId" = ${c.id}::uuid AND m.seq < ${input.before ?? 2147483647} ORDER BY m.seq DESC LIMIT ${input.limit}`
  return rows.reverse().map(toView)
}

/**
 * Read up to `seq` (clamped to the last message). The position only moves forward and is one per
 * person, so every device of theirs agrees; the sender's screen hears it live (receipts).
 */
export async function markRead(db: Db, actor: Actor, id: string, seq: number): Promise<{ readSeq: number }> {
  const c = await loadConversation(db, actor, id)
  const target = Math.min(seq, c.lastSeq)
  const [row] = await db.$queryRaw<{ readSeq: number; moved: boolean }[]>`
    WITH before AS (SELECT "readSeq" FROM "ConversationState" WHERE "conversationId" = ${c.id}::uuid AND "personId" = ${actor.personId}::uuid)
    INSERT INTO "ConversationState" ("conversationId", "personId", "readSeq", "readAt") VALUES (${c.id}::uuid, ${actor.personId}::uuid, ${target}, ${clock.now()})
    ON CONFLICT ("conversationId", "personId") DO UPDATE SET "readSeq" = GREATEST("ConversationState"."readSeq", EXCLUDED."readSeq"), "readAt" = EXCLUDED."readAt"
    RETURNING "readSeq", ("readSeq" > COALESCE((SELECT "readSeq" FROM before), -1)) AS moved`
  if (row!.moved) publishMessaging({ t: 'read', c: c.id, p: actor.personId, seq: row!.readSeq })
  return { readSeq: row!.readSeq }
}

/** Who of the members has read a message and who has not; for its sender (like DingTalk). */
export async function messageReceipts(db: Db, actor: Actor, messageId: string) {
  const message = await db.message.findUnique({ where: { id: messageId }, select: { conversationId: true, senderId: true, seq: true } })
  if (!message || message.senderId !== actor.personId) throw notFound()
  const conversation = await getConversation(db, actor, message.conversationId)
  const others = conversation.members.filter((m) => m.personId !== actor.personId)
  return {
    read: others.filter((m) => m.readSeq >= message.seq).map((m) => ({ personId: m.personId, name: m.name })),
    unread: others.filter((m) => m.readSeq < message.seq).map((m) => ({ personId: m.personId, name: m.name })),
  }
}

/** Pin or mute a conversation, for the actor only. */
export async function setConversationState(db: Db, actor: Actor, id: string, input: { pinned?: boolean; muted?: boolean }) {
  const c = await loadConversation(db, actor, id)
  return db.conversationState.upsert({
    where: { conversationId_personId: { conversationId: c.id, personId: actor.personId } },
    create: { conversationId: c.id, personId: actor.personId, ...input },
    update: input,
    select: { pinned: true, muted: true },
  })
}
