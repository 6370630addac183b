import type { Db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createSession, type NewSession } from './sessions.ts'
import { isTotpCodeValid } from './second-factor.ts'

/**
 * Finish a sign-in that is waiting for its TOTP code. On success the pending session is replaced by
 * a new one (new id), so a token seen before the second factor is worth nothing after it.
 * Wrong codes count towards the account lockout like wrong passwords.
 */
export async function completeSecondFactor(db: Db, sessionId: string, code: string, context: RequestContext): Promise<NewSession> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    include: { person: { select: { id: true, name: true, totpSecret: true, totpEnabledAt: true, lockedUntil: true } } },
  })
  if (!session?.isSecondFactorPending || !session.person.totpEnabledAt || !session.person.totpSecret) {
    throw new AppError('auth.required')
  }
  const { person } = session
  const totpSecret = session.person.totpSecret
  const actor = { personId: person.id, name: person.name }
  const now = clock.now()
  if (person.lockedUntil && person.lockedUntil > now) throw new AppError('auth.account_locked', { until: person.lockedUntil })

  if (!(await isTotpCodeValid(totpSecret, code.trim()))) {
    const { SIGNIN_MAX_FAILURES, SIGNIN_LOCK_MINUTES } = config()
    const lockedUntil = await db.$transaction(async (tx) => {
      const updated = await tx.person.update({ where: { id: person.id }, data: { failedSignInCount: { increment: 1 } } })
      let until: Date | null = null
      if (updated.failedSignInCount >= SIGNIN_MAX_FAILURES) {
        until = new Date(now.getTime() + minutes(SIGNIN_LOCK_MINUTES))
        await tx.person.update({ where: { id: person.id }, data: { failedSignInCount: 0, lockedUntil: until } })
        await tx.session.deleteMany({ where: { personId: person.id, isSecondFactorPending: true } })
      }
      await recordAudit(tx, { actor, action: 'auth.second_factor', objectType: 'Person', objectId: person.id, outcome: 'FAILURE', context })
      return until
    })
    if (lockedUntil) throw new AppError('auth.account_locked', { until: lockedUntil })
    throw new AppError('auth.second_factor_invalid')
  }

  return db.$transaction(async (tx) => {
    await tx.session.delete({ where: { id: sessionId } })
    await tx.person.update({ where: { id: person.id }, data: { failedSignInCount: 0 } })
    const fresh = await createSession(tx, person.id, context, false)
    await recordAudit(tx, { actor, action: 'auth.second_factor', objectType: 'Person', objectId: person.id, context })
    return fresh
  })
}
