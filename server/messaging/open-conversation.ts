import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { isUuid } from '../core/strings.ts'
import { Prisma } from '../core/db/index.ts'
import { objectThreads, type ObjectKind } from './objects.ts'
import { notifyMessagingAccess } from './events.ts'

/** The one-to-one conversation with another active person (made on first use; one per pair). */
export async function openDirect(db: Db, actor: Actor, input: { personId: string }): Promise<{ id: string }> {
  if (input.personId === actor.personId) throw notFound()
  const other = await db.person.findUnique({ where: { id: input.personId }, select: { isActive: true } })
  if (!other?.isActive) throw notFound()
  const directKey = [actor.personId, input.personId].sort().join(':')
  return db.$transaction(async (tx) => {
    const existing = await tx.conversation.findUnique({ where: { directKey }, select: { id: true } })
    if (existing) return existing
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Conversation" (id, kind, "directKey", "createdById") VALUES (gen_random_uuid(), 'DIRECT', ${directKey}, ${actor.personId}::uuid)
      ON CONFLICT ("directKey") DO UPDATE SET "directKey" = EXCLUDED."directKey" RETURNING id::text AS id`
    await tx.conversationMember.createMany({ data: [actor.personId, input.personId].map((personId) => ({ conversationId: row!.id, personId })), skipDuplicates: true })
    return row!
  })
}

/** A topic group anyone may start; the creator owns it and adds members (active people only). */
export async function createTopic(db: Db, actor: Actor, input: { title: string; memberIds: string[] }, context: RequestContext): Promise<{ id: string }> {
  const people = await db.person.findMany({ where: { id: { in: input.memberIds.filter((id) => id !== actor.personId) }, isActive: true }, select: { id: true } })
  return db.$transaction(async (tx) => {
    const c = await tx.conversation.create({ data: { kind: 'TOPIC', title: input.title, createdById: actor.personId }, select: { id: true } })
    await tx.conversationMember.createMany({ data: [{ conversationId: c.id, personId: actor.personId, role: 'OWNER' as const }, ...people.map((p) => ({ conversationId: c.id, personId: p.id }))] })
    await recordAudit(tx, { actor, action: 'messaging.topic_create', objectType: 'Conversation', objectId: c.id, details: { title: input.title, members: people.length + 1 }, context })
    return c
  })
}

/**
 * The groups of the units the actor holds posts in (兼职 included), made if missing. Their members are
 * never stored: whoever holds a post in the unit when asked.
 */
export async function ensureUnitGroups(db: Db, actor: Actor): Promise<void> {
  const made = await db.$queryRaw<{ unitId: string }[]>`
    INSERT INTO "Conversation" (id, kind, "unitId", title)
    SELECT gen_random_uuid(), 'UNIT', u.id, u.name FROM "Post" p JOIN "Unit" u ON u.id = p."unitId"
     WHERE p."personId" = ${actor.personId}::uuid AND u."isActive"
    ON CONFLICT ("unitId") DO NOTHING RETURNING "unitId"::text AS "unitId"`
  if (!made.length) return
  // A new group: its members' live sockets start serving it at once.
  const people = await db.post.findMany({ where: { unitId: { in: made.map((m) => m.unitId) } }, select: { personId: true }, distinct: ['personId'] })
  await db.$transaction((tx) => notifyMessagingAccess(tx, people.map((p) => p.personId)))
}

/**
 * The thread (讨论) of a document, meeting or supervision item, made on first use, for anyone who may
 * see the object; its members are whoever the owning module's policy lets see it.
 */
export async function openThread(db: Db, actor: Actor, kind: ObjectKind, objectId: string): Promise<{ id: string }> {
  const object = objectThreads[kind]
  if (!isUuid(objectId) || !(await object.maySee(db, actor, objectId))) throw notFound()
  const column = Prisma.raw(`"${object.column}"`)
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Conversation" (id, kind, ${column}) VALUES (gen_random_uuid(), ${kind}::"ConversationKind", ${objectId}::uuid)
    ON CONFLICT (${column}) DO UPDATE SET ${column} = EXCLUDED.${column} RETURNING id::text AS id`
  return row!
}
