import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import type { ResolvedSession } from './sessions.ts'
import { authCache } from './auth-cache.ts'

/**
 * The policy layer's view of a signed-in person: their grants with each scope's unit path. The grants
 * come from memory while none of them changed (auth-cache.ts).
 */
export async function loadActor(db: Db, session: ResolvedSession): Promise<Actor> {
  const { person } = session
  const cached = authCache.grants<Actor['grants']>(person.id)
  if (cached) return { personId: person.id, name: person.name, account: person.account, sessionId: session.id, grants: cached }
  const epoch = authCache.epoch()
  const actor = await actorForPerson(db, person, session.id)
  authCache.keepGrants(person.id, actor.grants, epoch)
  return actor
}

/**
 * The same view for a person acting outside a request (the co-editing server re-checking a live
 * connection, jobs). `null` when the person does not exist or is deactivated.
 */
export async function actorOf(db: Db, personId: string): Promise<Actor | null> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, name: true, account: true, isActive: true } })
  return person?.isActive ? actorForPerson(db, person, '') : null
}

async function actorForPerson(db: Db, person: { id: string; name: string; account: string }, sessionId: string): Promise<Actor> {
  const grants = await db.roleGrant.findMany({
    where: { personId: person.id, unit: { isActive: true } },
    select: { includesSubunits: true, role: { select: { permissions: true } }, unit: { select: { path: true } } },
  })
  return {
    personId: person.id,
    name: person.name,
    account: person.account,
    sessionId,
    grants: grants.map((g) => ({ permissions: g.role.permissions, scopePath: g.unit.path, includesSubunits: g.includesSubunits })),
  }
}
