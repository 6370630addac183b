import type { Db } from '../core/db/index.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'

export async function signOut(db: Db, session: { id: string; personId: string; name: string }, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: session.id } })
    await recordAudit(tx, { actor: { personId: session.personId, name: session.name }, action: 'auth.sign_out', objectType: 'Person', objectId: session.personId, context })
  })
}

/** End every session of the person, on every device, including this one. */
export async function signOutEverywhere(db: Db, person: { personId: string; name: string }, context: RequestContext): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { personId: person.personId } })
    await recordAudit(tx, { actor: person, action: 'auth.sign_out_everywhere', objectType: 'Person', objectId: person.personId, details: { sessions: count }, context })
    return count
  })
}
