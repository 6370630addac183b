import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import type { ResolvedSession } from './sessions.ts'

/** The policy layer's view of a signed-in person: their grants with each scope's unit path. */
export async function loadActor(db: Db, session: ResolvedSession): Promise<Actor> {
  const grants = await db.roleGrant.findMany({
    where: { personId: session.person.id, unit: { isActive: true } },
    select: { includesSubunits: true, role: { select: { permissions: true } }, unit: { select: { path: true } } },
  })
  return {
    personId: session.person.id,
    name: session.person.name,
    account: session.person.account,
    sessionId: session.id,
    grants: grants.map((g) => ({ permissions: g.role.permissions, scopePath: g.unit.path, includesSubunits: g.includesSubunits })),
  }
}
