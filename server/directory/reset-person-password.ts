import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { storePassword } from '../auth/index.ts'
import { accountPolicy } from './account-policy.ts'
import { directoryPolicy } from './policy.ts'
import { isPrivilegedPerson } from './is-privileged-person.ts'

/**
 * An administrator sets a temporary password; the person must change it at next sign-in. A privileged
 * account's password only the security administrator resets (`accountPolicy`); the record names both people.
 */
export async function resetPersonPassword(db: Db, actor: Actor, personId: string, temporaryPassword: string, context: RequestContext) {
  if (personId === actor.personId) throw new AppError('directory.own_account')
  return db.$transaction(async (tx) => {
    // The person's row first: a grant in flight (which locks it too) cannot make them privileged after we looked.
    await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${personId}::uuid FOR UPDATE`
    const person = await tx.person.findUnique({ where: { id: personId }, include: { posts: { include: { unit: { select: { path: true } } } } } })
    if (!person) throw notFound()
    const isPrivileged = await isPrivilegedPerson(tx, personId)
    if (!accountPolicy.mayResetPassword(actor, person, isPrivileged)) {
      throw new AppError(isPrivileged && directoryPolicy.mayManagePerson(actor, person) ? 'directory.privileged_account' : 'forbidden')
    }
    await storePassword(tx, person, temporaryPassword, { mustChange: true })
    await recordAudit(tx, {
      actor, action: 'person.password_reset', objectType: 'Person', objectId: personId,
      details: { person: { id: person.id, account: person.account, name: person.name }, isPrivileged },
      context,
    })
  })
}
