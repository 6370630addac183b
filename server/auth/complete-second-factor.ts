import type { Db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createSession, type NewSession } from './sessions.ts'
import { acceptTotpCode } from './second-factor.ts'
import { countAccountAttempt, recordAccountSuccess } from './attempts.ts'

/**
 * Finish a sign-in that is waiting for its TOTP code. On success the pending session is replaced by
 * a new one (new id), so a token seen before the second factor is worth nothing after it.
 * Each code is counted before it is checked, towards the same lockout as passwords (attempts.ts), and
 * a code is accepted once only (second-factor.ts).
 */
export async function completeSecondFactor(db: Db, sessionId: string, code: string, context: RequestContext): Promise<NewSession> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    include: { person: { select: { id: true, name: true, totpSecret: true, totpEnabledAt: true } } },
  })
  if (!session?.isSecondFactorPending || !session.person.totpEnabledAt || !session.person.totpSecret) {
    throw new AppError('auth.required')
  }
  const { person } = session
  const actor = { personId: person.id, name: person.name }

  const attempt = await countAccountAttempt(db, person.id, context.ip)
  const isAccepted = attempt.isAllowed && (await acceptTotpCode(db, person.id, person.totpSecret!, code))
  if (!isAccepted) {
    await db.$transaction(async (tx) => {
      // Locked: the pending sessions go, so the next try starts again from the password.
      if (!attempt.isAllowed || attempt.lockedUntil) await tx.session.deleteMany({ where: { personId: person.id, isSecondFactorPending: true } })
      await recordAudit(tx, {
        actor, action: 'auth.second_factor', objectType: 'Person', objectId: person.id, outcome: attempt.isAllowed ? 'FAILURE' : 'DENIED',
        details: { attempts: attempt.attempts, lockedUntil: attempt.lockedUntil }, context,
      })
    })
    if (attempt.lockedUntil) throw new AppError('auth.account_locked', { until: attempt.lockedUntil })
    throw new AppError('auth.second_factor_invalid')
  }

  return db.$transaction(async (tx) => {
    // Gone meanwhile (a parallel wrong code locked the account and ended pending sessions): start again.
    const { count } = await tx.session.deleteMany({ where: { id: sessionId } })
    if (count === 0) throw new AppError('auth.required')
    await recordAccountSuccess(tx, person.id, context.ip)
    const fresh = await createSession(tx, person.id, context, false)
    await recordAudit(tx, { actor, action: 'auth.second_factor', objectType: 'Person', objectId: person.id, details: attempt.isThroughLock ? { throughLock: true } : undefined, context })
    return fresh
  })
}
