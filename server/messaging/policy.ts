import type { Actor } from '../core/authz/index.ts'
import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import { notFound } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { OBJECT_KINDS, objectOf, objectThreads } from './objects.ts'

export type ConversationRow = {
  id: string
  kind: 'DIRECT' | 'TOPIC' | 'UNIT' | 'DOCUMENT' | 'MEETING' | 'SUPERVISION'
  title: string
  unitId: string | null
  documentId: string | null
  meetingId: string | null
  supervisionItemId: string | null
  createdById: string | null
  lastSeq: number
  lastMessageAt: Date | null
}

/**
 * Who is in a conversation, one rule for every path (pages, API, search, the socket, file URLs):
 * direct and topic conversations by their member rows; a unit group by the directory (whoever holds a
 * post in the unit now, 兼职 included); the thread of a document, meeting or supervision item by the
 * owning module's own policy (whoever may see the object now: objects.ts). Nothing is copied, so the
 * directory and the objects' own rules decide.
 * A non-member learns nothing: every miss is "not found".
 */
export const messagingPolicy = {
  /**
   * The ids of every conversation the actor belongs to now, as one condition on `"Conversation" c`.
   * Written as `c.id IN (a UNION ALL of each path)`, not an OR of the paths: each branch is an index
   * scan (member rows by person, index-only; unit groups by the person's posts; threads by their object
   * column), and the conversations are then read by id — an OR made PostgreSQL read every conversation
   * and test each against all the paths (issue 19's unread counts over 300 conversations).
   */
  async memberSql(db: Db | Tx, actor: Actor): Promise<Prisma.Sql> {
    const objects = await Promise.all(OBJECT_KINDS.map(async (kind) =>
      Prisma.sql`SELECT c.id FROM "Conversation" c WHERE c.${Prisma.raw(`"${objectThreads[kind].column}"`)} IS NOT NULL AND ${await objectThreads[kind].memberSql(db as Db, actor)}`))
    const me = actor.personId
    return Prisma.sql`c.id IN (SELECT "conversationId" FROM "ConversationMember" WHERE "personId" = ${me}::uuid AND "removedAt" IS NULL
      UNION ALL SELECT c.id FROM "Conversation" c WHERE c."unitId" IN (SELECT "unitId" FROM "Post" WHERE "personId" = ${me}::uuid)
      UNION ALL ${Prisma.join(objects, ' UNION ALL ')})`
  },

  async conversationIds(db: Db | Tx, actor: Actor): Promise<string[]> {
    const where = await messagingPolicy.memberSql(db, actor)
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT c.id::text AS id FROM "Conversation" c WHERE ${where}`
    return rows.map((r) => r.id)
  },

  async isMember(db: Db | Tx, actor: Actor, c: Pick<ConversationRow, 'id' | 'kind' | 'unitId' | 'documentId' | 'meetingId' | 'supervisionItemId'>): Promise<boolean> {
    if (c.kind === 'UNIT') return !!c.unitId && (await db.post.count({ where: { personId: actor.personId, unitId: c.unitId } })) > 0
    const object = objectOf(c)
    if (object) return objectThreads[object.kind].maySee(db as Db, actor, object.id)
    if (c.kind !== 'DIRECT' && c.kind !== 'TOPIC') return false
    return (await db.conversationMember.count({ where: { conversationId: c.id, personId: actor.personId, removedAt: null } })) > 0
  },

  /** Topic owners add and remove members and may mention everyone (@所有人). */
  async isOwner(db: Db | Tx, actor: Actor, c: Pick<ConversationRow, 'id' | 'kind'>): Promise<boolean> {
    if (c.kind !== 'TOPIC') return false
    return (await db.conversationMember.count({ where: { conversationId: c.id, personId: actor.personId, removedAt: null, role: 'OWNER' } })) > 0
  },
}

/**
 * A conversation the actor belongs to; anything else (missing, not a member) is not found. One
 * statement for direct, topic and unit conversations (the member row or the post is read with the
 * conversation: every history page, send and read starts here); a thread asks its object's policy.
 */
export async function loadConversation(db: Db | Tx, actor: Actor, id: string): Promise<ConversationRow> {
  if (!isUuid(id)) throw notFound()
  const [row] = await db.$queryRaw<(ConversationRow & { member: boolean | null })[]>`
    SELECT c.id::text AS id, c.kind::text AS kind, c.title, c."unitId"::text AS "unitId", c."documentId"::text AS "documentId",
           c."meetingId"::text AS "meetingId", c."supervisionItemId"::text AS "supervisionItemId", c."createdById"::text AS "createdById",
           c."lastSeq", c."lastMessageAt",
           CASE WHEN c.kind IN ('DIRECT', 'TOPIC') THEN EXISTS (SELECT 1 FROM "ConversationMember" m
                      WHERE m."conversationId" = c.id AND m."personId" = ${actor.personId}::uuid AND m."removedAt" IS NULL)
                WHEN c.kind = 'UNIT' THEN EXISTS (SELECT 1 FROM "Post" p WHERE p."personId" = ${actor.personId}::uuid AND p."unitId" = c."unitId") END AS member
      FROM "Conversation" c WHERE c.id = ${id}::uuid`
  if (!row) throw notFound()
  const { member, ...c } = row
  if (member === false || (member === null && !(await messagingPolicy.isMember(db, actor, c)))) throw notFound()
  return c
}
