import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createSession, type NewSession } from './sessions.ts'
import { acceptTotpCode, isSecondFactorRequired, newTotpSecret, totpUri } from './second-factor.ts'
import { countAccountAttempt, recordAccountSuccess } from './attempts.ts'

/** Start (or restart) TOTP enrolment: a new secret that takes effect once a code from it is confirmed. */
export async function beginSecondFactorEnrolment(db: Db, personId: string): Promise<{ secret: string; uri: string }> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { account: true, totpEnabledAt: true } })
  if (person.totpEnabledAt) throw new AppError('conflict')
  const secret = newTotpSecret()
  await db.person.update({ where: { id: personId }, data: { totpSecret: secret, totpLastStep: null } })
  return { secret, uri: totpUri(secret, person.account) }
}

/**
 * Check a code for the person's own second factor (enrolment, turning it off): counted before it is
 * checked, towards the same lockout as passwords; refused outright while the account is locked.
 */
async function checkOwnCode(db: Db, person: { id: string; name: string }, secret: string, code: string, action: string, context: RequestContext): Promise<void> {
  const attempt = await countAccountAttempt(db, person.id, context.ip)
  if (attempt.isAllowed && (await acceptTotpCode(db, person.id, secret, code))) return
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: { personId: person.id, name: person.name }, action, objectType: 'Person', objectId: person.id, outcome: attempt.isAllowed ? 'FAILURE' : 'DENIED',
      details: { attempts: attempt.attempts, lockedUntil: attempt.lockedUntil }, context,
    }),
  )
  if (attempt.lockedUntil) throw new AppError('auth.account_locked', { until: attempt.lockedUntil })
  throw new AppError('auth.second_factor_invalid')
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
  await checkOwnCode(db, person, person.totpSecret, code, 'auth.second_factor_enrolled', context)
  return db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: person.id }, data: { totpEnabledAt: clock.now() } })
    await recordAccountSuccess(tx, person.id, context.ip)
    let fresh: NewSession | null = null
    if (session.isSecondFactorPending) {
      const { count } = await tx.session.deleteMany({ where: { id: sessionId } })
      if (count === 0) throw new AppError('auth.required')
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
  await checkOwnCode(db, person, person.totpSecret, code, 'auth.second_factor_disabled', context)
  await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } })
    await recordAccountSuccess(tx, personId, context.ip)
    await recordAudit(tx, { actor: { personId, name: person.name }, action: 'auth.second_factor_disabled', objectType: 'Person', objectId: personId, context })
  })
}
