import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { accountPolicy } from './account-policy.ts'

/** Lift an account lockout: the security administrator over the person's unit, never on their own account. */
export async function unlockPerson(db: Db, actor: Actor, personId: string, context: RequestContext) {
  if (personId === actor.personId) throw new AppError('directory.own_account')
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId }, include: { posts: { include: { unit: { select: { path: true } } } } } })
    if (!person) throw notFound()
    if (!accountPolicy.mayUnlock(actor, person)) throw new AppError('forbidden')
    await tx.person.update({ where: { id: personId }, data: { lockedUntil: null, failedSignInCount: 0 } })
    await recordAudit(tx, {
      actor, action: 'person.unlock', objectType: 'Person', objectId: personId,
      details: { person: { id: person.id, account: person.account, name: person.name } },
      context,
    })
  })
}
