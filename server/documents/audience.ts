import type { Db } from '../core/db/index.ts'
import { Prisma } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { actorOf } from '../auth/index.ts'
import { isUuid } from '../core/strings.ts'
import { documentWithRoute, standingOf } from './load-document.ts'
import { documentPolicy } from './policy.ts'

/**
 * Everyone `documentPolicy.maySee` lets see the document, for modules that attach something to a
 * document (messaging's thread): the candidates the rule can name (drafter, co-drafters, the route,
 * deputies of pending steps, readers, holders of the registry permission over units above the
 * organisation), each then checked by the policy itself, so this can never say more than `maySee`.
 */
export async function documentAudience(db: Db, documentId: string): Promise<string[]> {
  if (!isUuid(documentId)) return []
  const doc = await db.document.findUnique({ where: { id: documentId }, include: documentWithRoute })
  if (!doc) return []
  const candidates = new Set<string>([doc.createdById, ...doc.collaboratorIds, ...doc.readers.map((r) => r.personId)])
  for (const t of doc.tasks) {
    candidates.add(t.assigneeId)
    if (t.actedById) candidates.add(t.actedById)
  }
  const pending = doc.tasks.filter((t) => t.status === 'PENDING').map((t) => t.assigneeId)
  const [deputies, registry] = await Promise.all([
    pending.length ? db.delegation.findMany({ where: { personId: { in: pending }, revokedAt: null }, select: { deputyId: true } }) : [],
    db.$queryRaw<{ personId: string }[]>`
      SELECT DISTINCT g."personId"::text AS "personId" FROM "RoleGrant" g JOIN "Role" r ON r.id = g."roleId" JOIN "Unit" u ON u.id = g."unitId"
       WHERE 'document.register' = ANY(r.permissions) AND u."isActive"
         AND (u.path = ${doc.organ.path} OR (g."includesSubunits" AND ${doc.organ.path} LIKE u.path || '%'))`,
  ])
  for (const d of deputies) candidates.add(d.deputyId)
  for (const r of registry) candidates.add(r.personId)
  const audience: string[] = []
  for (const personId of candidates) {
    const actor = await actorOf(db, personId)
    if (actor && documentPolicy.maySee(actor, doc, await standingOf(db, personId))) audience.push(personId)
  }
  return audience
}

/** Whether the person may see the document now (the same rule; missing and invisible alike: false). */
export async function maySeeDocument(db: Db, actor: Actor, documentId: string): Promise<boolean> {
  if (!isUuid(documentId)) return false
  const doc = await db.document.findUnique({ where: { id: documentId }, include: documentWithRoute })
  return !!doc && documentPolicy.maySee(actor, doc, await standingOf(db, actor.personId))
}

/** The documents the actor may see, as a condition on `"Document" d` (for joining another module's rows). */
export async function visibleDocumentsSql(db: Db, actor: Actor): Promise<Prisma.Sql> {
  const scope = await documentPolicy.visibleScope(db, actor, await standingOf(db, actor.personId))
  return documentPolicy.visibleSql(scope)
}

/** A document's title, for a thread's name (only after the caller has checked it may be seen). */
export async function documentTitle(db: Db, documentId: string): Promise<string | null> {
  const doc = await db.document.findUnique({ where: { id: documentId }, select: { title: true } })
  return doc?.title ?? null
}
