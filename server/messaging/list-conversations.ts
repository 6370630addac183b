import type { Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { isObjectKind, OBJECT_TITLE, OBJECT_TITLE_JOINS } from './objects.ts'
import { messagingPolicy } from './policy.ts'

export type ConversationSummary = {
  id: string
  kind: 'DIRECT' | 'TOPIC' | 'UNIT' | 'DOCUMENT' | 'MEETING' | 'SUPERVISION'
  title: string
  lastSeq: number
  readSeq: number
  unread: number
  pinned: boolean
  muted: boolean
  lastMessageAt: string | null
  last: { senderName: string; text: string; kind: string; recalled: boolean; fileName?: string | null } | null
}

type Row = {
  id: string; kind: ConversationSummary['kind']; title: string; lastSeq: number; readSeq: number; pinned: boolean; muted: boolean
  lastMessageAt: Date | null; createdAt: Date; objectTitle: string | null; otherName: string | null
  lastText: string | null; lastKind: string | null; lastRecalledAt: Date | null; lastSenderName: string | null; lastFileName: string | null
}

/**
 * The actor's conversations: pinned first, then by the last message. Unread is the conversation's
 * last sequence minus the person's read position (one row per person, shared by all their devices;
 * sending moves it too), so counting is arithmetic on two indexed rows, not a count over messages.
 */
export async function listConversations(db: Db, actor: Actor, options: { limit?: number } = {}): Promise<ConversationSummary[]> {
  const where = await messagingPolicy.memberSql(db, actor)
  const me = actor.personId
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id::text AS id, c.kind::text AS kind, c.title, c."lastSeq", c."lastMessageAt", c."createdAt",
           COALESCE(s."readSeq", 0) AS "readSeq", COALESCE(s.pinned, false) AS pinned, COALESCE(s.muted, false) AS muted,
           ${Prisma.raw(OBJECT_TITLE)} AS "objectTitle",
           (SELECT p.name FROM "ConversationMember" om JOIN "Person" p ON p.id = om."personId"
             WHERE c.kind = 'DIRECT' AND om."conversationId" = c.id AND om."personId" <> ${me}::uuid LIMIT 1) AS "otherName",
           lm.text AS "lastText", lm.kind::text AS "lastKind", lm."recalledAt" AS "lastRecalledAt", lp.name AS "lastSenderName", lf."fileName" AS "lastFileName"
      FROM "Conversation" c
      LEFT JOIN "ConversationState" s ON s."conversationId" = c.id AND s."personId" = ${me}::uuid
      ${Prisma.raw(OBJECT_TITLE_JOINS)}
      LEFT JOIN "Message" lm ON lm."conversationId" = c.id AND lm.seq = c."lastSeq"
      LEFT JOIN "Person" lp ON lp.id = lm."senderId"
      LEFT JOIN "MessageFile" lf ON lf.id = lm."fileId"
     WHERE ${where}
     ORDER BY COALESCE(s.pinned, false) DESC, COALESCE(c."lastMessageAt", c."createdAt") DESC
     LIMIT ${options.limit ?? 300}`
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.kind === 'DIRECT' ? (r.otherName ?? '') : isObjectKind(r.kind) ? (r.objectTitle ?? '') : r.title,
    lastSeq: r.lastSeq,
    readSeq: r.readSeq,
    unread: Math.max(0, r.lastSeq - r.readSeq),
    pinned: r.pinned,
    muted: r.muted,
    lastMessageAt: r.lastMessageAt?.toISOString() ?? null,
    last: r.lastKind ? { senderName: r.lastSenderName ?? '', text: r.lastRecalledAt ? '' : (r.lastText ?? '').slice(0, 60), fileName: r.lastRecalledAt ? null : r.lastFileName, kind: r.lastKind, recalled: !!r.lastRecalledAt } : null,
  }))
}

/** Unread counts only (the badge; the benchmark's "unread counts for 300 conversations"). */
export async function unreadCounts(db: Db, actor: Actor): Promise<{ total: number; byConversation: Record<string, number> }> {
  const where = await messagingPolicy.memberSql(db, actor)
  const rows = await db.$queryRaw<{ id: string; unread: number; muted: boolean }[]>`
    SELECT c.id::text AS id, GREATEST(c."lastSeq" - COALESCE(s."readSeq", 0), 0)::int AS unread, COALESCE(s.muted, false) AS muted
      FROM "Conversation" c LEFT JOIN "ConversationState" s ON s."conversationId" = c.id AND s."personId" = ${actor.personId}::uuid
     WHERE ${where}`
  const byConversation: Record<string, number> = {}
  let total = 0
  for (const r of rows) {
    if (r.unread) byConversation[r.id] = r.unread
    if (!r.muted) total += r.unread
  }
  return { total, byConversation }
}

