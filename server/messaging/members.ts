import type { Db } from '../core/db/index.ts'
import { objectOf, objectThreads } from './objects.ts'
import type { ConversationRow } from './policy.ts'

export type Member = { personId: string; name: string; role: 'OWNER' | 'MEMBER' }

/** The people in a conversation now, by the same rules as `messagingPolicy` (computed, not copied). */
export async function conversationMembers(db: Db, c: Pick<ConversationRow, 'id' | 'kind' | 'unitId' | 'documentId' | 'meetingId' | 'supervisionItemId'>): Promise<Member[]> {
  if (c.kind === 'UNIT') {
    const rows = await db.$queryRaw<{ personId: string; name: string }[]>`
      SELECT DISTINCT p.id::text AS "personId", p.name, p."sortOrder" FROM "Post" po JOIN "Person" p ON p.id = po."personId"
       WHERE po."unitId" = ${c.unitId}::uuid AND p."isActive" ORDER BY p."sortOrder", p.name`
    return rows.map((r) => ({ personId: r.personId, name: r.name, role: 'MEMBER' }))
  }
  const object = objectOf(c)
  if (object) {
    const ids = await objectThreads[object.kind].audience(db, object.id)
    const people = await db.person.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true, name: true }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] })
    return people.map((p) => ({ personId: p.id, name: p.name, role: 'MEMBER' }))
  }
  const rows = await db.$queryRaw<{ personId: string; name: string; role: 'OWNER' | 'MEMBER' }[]>`
    SELECT p.id::text AS "personId", p.name, m.role::text AS role FROM "ConversationMember" m JOIN "Person" p ON p.id = m."personId"
     WHERE m."conversationId" = ${c.id}::uuid AND m."removedAt" IS NULL ORDER BY m.role, m."addedAt"`
  return rows
}
