import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createSession, type NewSession } from './sessions.ts'
import { isSecondFactorRequired, isTotpCodeValid, newTotpSecret, totpUri } from './second-factor.ts'

/** Start (or restart) TOTP enrolment: a new secret that takes effect once a code from it is confirmed. */
export async function beginSecondFactorEnrolment(db: Db, personId: string): Promise<{ secret: string; uri: string }> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { account: true, totpEnabledAt: true } })
  if (person.totpEnabledAt) throw new AppError('conflict')
  const secret = newTotpSecret()
  await db.person.update({ where: { id: personId }, data: { totpSecret: secret } })
  return { secret, uri: totpUri(secret, person.account) }
}

/**
 * Confirm enrolment with a code from the authenticator. A session that was waiting for enrolment is
 * replaced by a full one; the new token is returned then.
 */
export async function confirmSecondFactorEnrolment(
  db: Db,
  sessionId: string,
  code: string,
  context: RequestContext,
): Promise<NewSession | null> {
  const session = await db.session.findUniqueOrThrow({
    where: { id: sessionId },
    include: { person: { select: { id: true, name: true, totpSecret: true, totpEnabledAt: true } } },
  })
  const { person } = session
  if (person.totpEnabledAt || !person.totpSecret) throw new AppError('conflict')
  if (!(await isTotpCodeValid(person.totpSecret, code.trim()))) throw new AppError('auth.second_factor_invalid')
  return db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: person.id }, data: { totpEnabledAt: clock.now() } })
    let fresh: NewSession | null = null
    if (session.isSecondFactorPending) {
      await tx.session.delete({ where: { id: sessionId } })
      fresh = await createSession(tx, person.id, context, false)
    }
    await recordAudit(tx, { actor: { personId: person.id, name: person.name }, action: 'auth.second_factor_enrolled', objectType: 'Person', objectId: person.id, context })
    return fresh
  })
}

export async function disableSecondFactor(db: Db, personId: string, code: string, context: RequestContext): Promise<void> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { id: true, name: true, totpSecret: true, totpEnabledAt: true } })
  if (!person.totpEnabledAt || !person.totpSecret) throw new AppError('conflict')
  if (await isSecondFactorRequired(db, personId)) throw new AppError('forbidden')
  if (!(await isTotpCodeValid(person.totpSecret, code.trim()))) throw new AppError('auth.second_factor_invalid')
  await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { totpSecret: null, totpEnabledAt: null } })
    await recordAudit(tx, { actor: { personId, name: person.name }, action: 'auth.second_factor_disabled', objectType: 'Person', objectId: personId, context })
  })
}
