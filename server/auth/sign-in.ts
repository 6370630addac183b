import type { Db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { burnPasswordCheck, verifyPassword } from './password.ts'
import { createSession, type NewSession } from './sessions.ts'
import { countAddressAttempt, refundAddressSignIn } from './throttle.ts'
import { countAccountAttempt, recordAccountSuccess, refundAddressAttempt } from './attempts.ts'
import { isSecondFactorRequired } from './second-factor.ts'

export type SignInInput = { login: string; password: string }

/** What the person must do before the session is fully usable. */
export type SignInNext = 'done' | 'second_factor' | 'enrol_second_factor'

export type SignInResult = { session: NewSession; next: SignInNext }

/**
 * Sign in by account name or phone number. Each attempt is counted before the password is checked,
 * per client address (throttle.ts) and per account (attempts.ts); the account locks after
 * SIGNIN_MAX_FAILURES for SIGNIN_LOCK_MINUTES. An unknown account, a wrong password and a locked
 * account answer alike (`auth.invalid_credentials`, one argon2 check each), so neither which accounts
 * exist nor which are locked can be learnt by trying.
 */
export async function signIn(db: Db, input: SignInInput, context: RequestContext): Promise<SignInResult> {
  const login = input.login.trim()
  const address = await countAddressAttempt(db, context.ip)
  if (!address.isAllowed) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: null, action: 'auth.sign_in', outcome: 'DENIED', details: { login, reason: 'ip_locked' }, context }),
    )
    throw new AppError('auth.ip_locked', { until: address.lockedUntil ?? clock.now() })
  }

  const person = await db.person.findFirst({
    where: { OR: [{ account: login }, { phone: login }] },
    select: { id: true, name: true, isActive: true, passwordHash: true, totpEnabledAt: true },
  })

  if (!person) {
    await burnPasswordCheck(input.password)
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: null, action: 'auth.sign_in', outcome: 'FAILURE', details: { login, reason: 'unknown_login' }, context }),
    )
    throw new AppError('auth.invalid_credentials')
  }

  const actor = { personId: person.id, name: person.name }
  const attempt = await countAccountAttempt(db, person.id, context.ip)
  if (!attempt.isAllowed) {
    await burnPasswordCheck(input.password)
    await db.$transaction((tx) =>
      recordAudit(tx, { actor, action: 'auth.sign_in', objectType: 'Person', objectId: person.id, outcome: 'DENIED', details: { reason: 'account_locked', attempts: attempt.attempts }, context }),
    )
    throw new AppError('auth.invalid_credentials')
  }

  if (!(await verifyPassword(person.passwordHash, input.password))) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor, action: 'auth.sign_in', objectType: 'Person', objectId: person.id, outcome: 'FAILURE',
        details: { reason: 'wrong_password', attempts: attempt.attempts, lockedUntil: attempt.lockedUntil },
        context,
      }),
    )
    throw new AppError('auth.invalid_credentials')
  }

  if (!person.isActive) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor, action: 'auth.sign_in', objectType: 'Person', objectId: person.id, outcome: 'DENIED', details: { reason: 'disabled' }, context }),
    )
    throw new AppError('auth.account_disabled')
  }

  const next: SignInNext = person.totpEnabledAt
    ? 'second_factor'
    : (await isSecondFactorRequired(db, person.id))
      ? 'enrol_second_factor'
      : 'done'

  const session = await db.$transaction(async (tx) => {
    await refundAddressSignIn(tx, context.ip)
    // With a second factor to come the account's count stays (attempts.ts); otherwise the person is through.
    if (next === 'second_factor') await refundAddressAttempt(tx, person.id, context.ip)
    else await recordAccountSuccess(tx, person.id, context.ip)
    const created = await createSession(tx, person.id, context, next !== 'done')
    await recordAudit(tx, { actor, action: 'auth.sign_in', objectType: 'Person', objectId: person.id, details: { next, ...(attempt.isThroughLock ? { throughLock: true } : {}) }, context })
    return created
  })
  return { session, next }
}

/** Whether the person must set a new password before doing anything else. */
export function isPasswordChangeDue(person: { mustChangePassword: boolean; passwordChangedAt: Date | null }): boolean {
  if (person.mustChangePassword) return true
  const maxAge = config().PASSWORD_MAX_AGE_DAYS
  if (!maxAge || !person.passwordChangedAt) return false
  return clock.now().getTime() - person.passwordChangedAt.getTime() > days(maxAge)
}
