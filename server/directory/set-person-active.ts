import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { loadManagedPerson } from './person-rows.ts'

/** Disabling a person ends all their sessions in the same transaction. */
export async function setPersonActive(db: Db, actor: Actor, personId: string, isActive: boolean, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const person = await loadManagedPerson(tx, actor, personId)
    if (person.id === actor.personId && !isActive) throw new AppError('forbidden')
    if (person.isActive === isActive) return
    await tx.person.update({ where: { id: personId }, data: { isActive } })
    const ended = isActive ? 0 : (await tx.session.deleteMany({ where: { personId } })).count
    await recordAudit(tx, {
      actor, action: isActive ? 'person.reactivate' : 'person.deactivate', objectType: 'Person', objectId: personId,
      details: { sessionsEnded: ended }, context,
    })
  })
}
