import type { Db } from '../core/db/index.ts'
import { clock, days, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { burnPasswordCheck, verifyPassword } from './password.ts'
import { createSession, type NewSession } from './sessions.ts'
import { assertAddressNotLocked, recordAddressFailure } from './throttle.ts'
import { isSecondFactorRequired } from './second-factor.ts'

export type SignInInput = { login: string; password: string }

/** What the person must do before the session is fully usable. */
export type SignInNext = 'done' | 'second_factor' | 'enrol_second_factor'

export type SignInResult = { session: NewSession; next: SignInNext }

/**
 * Sign in by account name or phone number. Failures are counted per account and per client address
 * and audited; the account locks after SIGNIN_MAX_FAILURES for SIGNIN_LOCK_MINUTES.
 */
export async function signIn(db: Db, input: SignInInput, context: RequestContext): Promise<SignInResult> {
  const login = input.login.trim()
  const now = clock.now()
  try {
    await assertAddressNotLocked(db, context.ip)
  } catch (error) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: null, action: 'auth.sign_in', outcome: 'DENIED', details: { login, reason: 'ip_locked' }, context }),
    )
    throw error
  }

  const person = await db.person.findFirst({
    where: { OR: [{ account: login }, { phone: login }] },
    select: { id: true, name: true, isActive: true, passwordHash: true, lockedUntil: true, failedSignInCount: true, totpEnabledAt: true },
  })

  if (!person) {
    await burnPasswordCheck(input.password)
    await db.$transaction(async (tx) => {
      await recordAddressFailure(tx, context.ip)
      await recordAudit(tx, { actor: null, action: 'auth.sign_in', outcome: 'FAILURE', details: { login, reason: 'unknown_login' }, context })
    })
    throw new AppError('auth.invalid_credentials')
  }

  const actor = { personId: person.id, name: person.name }
  if (person.lockedUntil && person.lockedUntil > now) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor, action: 'auth.sign_in', objectType: 'Person', objectId: person.id, outcome: 'DENIED', details: { reason: 'account_locked' }, context }),
    )
    throw new AppError('auth.account_locked', { until: person.lockedUntil })
  }

  if (!(await verifyPassword(person.passwordHash, input.password))) {
    const { SIGNIN_MAX_FAILURES, SIGNIN_LOCK_MINUTES } = config()
    const lockedUntil = await db.$transaction(async (tx) => {
      // Atomic increment: parallel guesses cannot slip past the limit.
      const updated = await tx.person.update({ where: { id: person.id }, data: { failedSignInCount: { increment: 1 } }, select: { failedSignInCount: true } })
      let until: Date | null = null
      if (updated.failedSignInCount >= SIGNIN_MAX_FAILURES) {
        until = new Date(now.getTime() + minutes(SIGNIN_LOCK_MINUTES))
        await tx.person.update({ where: { id: person.id }, data: { failedSignInCount: 0, lockedUntil: until } })
      }
      await recordAddressFailure(tx, context.ip)
      await recordAudit(tx, {
        actor, action: 'auth.sign_in', objectType: 'Person', objectId: person.id, outcome: 'FAILURE',
        details: { reason: 'wrong_password', failures: updated.failedSignInCount, lockedUntil: until?.toISOString() ?? null },
        context,
      })
      return until
    })
    if (lockedUntil) throw new AppError('auth.account_locked', { until: lockedUntil })
    throw new AppError('auth.invalid_credentials', { remaining: SIGNIN_MAX_FAILURES - person.failedSignInCount - 1 })
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
    await tx.person.update({ where: { id: person.id }, data: { failedSignInCount: 0, lockedUntil: null } })
    const created = await createSession(tx, person.id, context, next !== 'done')
    await recordAudit(tx, { actor, action: 'auth.sign_in', objectType: 'Person', objectId: person.id, details: { next }, context })
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
