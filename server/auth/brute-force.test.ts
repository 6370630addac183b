import { describe, expect, it } from 'vitest'
import { generate, generateSecret } from 'otplib'
import { db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { buildContext, buildPerson, TEST_PASSWORD } from '../test/factories.ts'
import { beginSecondFactorEnrolment, changePassword, completeSecondFactor, confirmSecondFactorEnrolment, disableSecondFactor, resolveSession, sessionIdOf, signIn } from './index.ts'

const max = () => config().SIGNIN_MAX_FAILURES

/** The code of the clock's current 30-second step (the server checks against `clock.now()`). */
const codeNow = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) + offsetSteps * 30 })

/** A code that is right for no step near now. */
async function wrongCode(secret: string) {
  const near = new Set(await Promise.all([-1, 0, 1].map((s) => codeNow(secret, s))))
  for (let n = 0; ; n++) {
    const code = String((123456 + n * 7919) % 1_000_000).padStart(6, '0')
    if (!near.has(code)) return code
  }
}

async function personWithSecondFactor() {
  const secret = generateSecret()
  const person = await buildPerson()
  await db().person.update({ where: { id: person.id }, data: { totpSecret: secret, totpEnabledAt: clock.now() } })
  return { person, secret }
}

/** Audit records of secrets actually checked (FAILURE) against those refused before any check (DENIED). */
async function outcomes(personId: string, action: string) {
  const rows = await db().auditEvent.groupBy({ by: ['outcome'], where: { actorId: personId, action }, _count: true })
  return Object.fromEntries(rows.map((r) => [r.outcome, r._count])) as Partial<Record<'SUCCESS' | 'FAILURE' | 'DENIED', number>>
}

async function until(condition: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > deadline) return
    await new Promise((r) => setTimeout(r, 5))
  }
}

const settle = (p: Promise<unknown>) => p.then(() => 'ok' as const, (e: unknown) => (e instanceof AppError ? e.code : String(e)))

describe('parallel guessing', () => {
  it('20 wrong passwords at once: no more than the limit are checked, and a right password after the limit does not sign in', async () => {
    const person = await buildPerson()
    const context = buildContext()
    const wrong = Array.from({ length: 20 }, () => settle(signIn(db(), { login: person.account, password: 'Wrong-guess-1' }, context)))
    // Inside the burst, once the limit has been counted: the owner's own password.
    const right = (async () => {
      await until(async () => (await db().person.findUniqueOrThrow({ where: { id: person.id } })).lockedUntil !== null)
      return settle(signIn(db(), { login: person.account, password: TEST_PASSWORD }, context))
    })()
    const results = await Promise.all([...wrong, right])
    expect(results.at(-1)).toBe('auth.invalid_credentials')
    expect(results.filter((r) => r === 'ok')).toHaveLength(0)
    const seen = await outcomes(person.id, 'auth.sign_in')
    expect(seen.FAILURE).toBeLessThanOrEqual(max())
    expect(seen.SUCCESS ?? 0).toBe(0)
    expect(await db().session.count({ where: { personId: person.id } })).toBe(0)
  })

  it('40 second-factor codes at once: no more than the limit are checked, and the right code after the limit is refused', async () => {
    const { person, secret } = await personWithSecondFactor()
    const context = buildContext()
    const pending = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, context)
    expect(pending.next).toBe('second_factor')
    const code = await wrongCode(secret)
    const wrong = Array.from({ length: 40 }, () => settle(completeSecondFactor(db(), sessionIdOf(pending.session.token), code, context)))
    const results = await Promise.all(wrong)
    const seen = await outcomes(person.id, 'auth.second_factor')
    // The password counted as the first attempt.
    expect(seen.FAILURE).toBeLessThanOrEqual(max() - 1)
    expect(results.filter((r) => r === 'ok')).toHaveLength(0)
    const again = await settle(completeSecondFactor(db(), sessionIdOf(pending.session.token), await codeNow(secret), context))
    expect(again).not.toBe('ok')
  })

  it('40 unknown accounts at once from one address: no more than the address limit are tried', async () => {
    const context = buildContext()
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => settle(signIn(db(), { login: `nobody-${i}-${context.ip}`, password: 'x' }, context))))
    expect(results.filter((r) => r === 'auth.invalid_credentials').length).toBeLessThanOrEqual(config().SIGNIN_IP_MAX_FAILURES)
    expect(results.filter((r) => r === 'auth.ip_locked').length).toBeGreaterThanOrEqual(40 - config().SIGNIN_IP_MAX_FAILURES)
  })
})

describe('a second-factor code', () => {
  it('is accepted once: two parallel uses of one code, one succeeds; the same code later is refused', async () => {
    const { person, secret } = await personWithSecondFactor()
    const [a, b] = await Promise.all([1, 2].map(() => signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())))
    const code = await codeNow(secret)
    const results = await Promise.all([a!, b!].map((s) => settle(completeSecondFactor(db(), sessionIdOf(s.session.token), code, buildContext()))))
    expect(results.sort()).toEqual(['auth.second_factor_invalid', 'ok'])

    const c = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    await expectAppError(completeSecondFactor(db(), sessionIdOf(c.session.token), code, buildContext()), 'auth.second_factor_invalid')
    // The next step's code is fine.
    clock.advance(30_000)
    await completeSecondFactor(db(), sessionIdOf(c.session.token), await codeNow(secret), buildContext())
  })
})

describe('other checks of a secret count towards the same lockout', () => {
  it('wrong current passwords on change-password', async () => {
    const person = await buildPerson()
    const mine = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    const session = { id: sessionIdOf(mine.session.token), personId: person.id }
    for (let i = 1; i < max(); i++) {
      await expectAppError(changePassword(db(), session, { currentPassword: 'Wrong-current-1', newPassword: 'Brand-New-2026' }, buildContext()), 'password.wrong_current')
    }
    await expectAppError(changePassword(db(), session, { currentPassword: 'Wrong-current-1', newPassword: 'Brand-New-2026' }, buildContext()), 'auth.account_locked')
    // Even the right current password, and a sign-in, wait for the lock.
    await expectAppError(changePassword(db(), session, { currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-2026' }, buildContext()), 'auth.account_locked')
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext()), 'auth.invalid_credentials')
  })

  it('wrong codes when turning the second factor off', async () => {
    const { person, secret } = await personWithSecondFactor()
    const code = await wrongCode(secret)
    const context = buildContext()
    for (let i = 1; i < max(); i++) await expectAppError(disableSecondFactor(db(), person.id, code, context), 'auth.second_factor_invalid')
    await expectAppError(disableSecondFactor(db(), person.id, code, context), 'auth.account_locked')
    await expectAppError(disableSecondFactor(db(), person.id, await codeNow(secret), context), 'auth.account_locked')
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, context), 'auth.invalid_credentials')
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).totpEnabledAt).not.toBeNull()
  })

  it('wrong codes when enrolling', async () => {
    const person = await buildPerson()
    const mine = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    const { secret } = await beginSecondFactorEnrolment(db(), person.id)
    const code = await wrongCode(secret)
    for (let i = 1; i < max(); i++) {
      await expectAppError(confirmSecondFactorEnrolment(db(), sessionIdOf(mine.session.token), code, buildContext()), 'auth.second_factor_invalid')
    }
    await expectAppError(confirmSecondFactorEnrolment(db(), sessionIdOf(mine.session.token), code, buildContext()), 'auth.account_locked')
    await expectAppError(confirmSecondFactorEnrolment(db(), sessionIdOf(mine.session.token), await codeNow(secret), buildContext()), 'auth.account_locked')
  })
})

describe('a locked account', () => {
  it('with a second factor: its owner still signs in from an address that has not failed, with password and code; the attacker does not', async () => {
    const { person, secret } = await personWithSecondFactor()
    const attacker = buildContext()
    for (let i = 0; i < max() + 3; i++) {
      await expectAppError(signIn(db(), { login: person.account, password: 'Wrong-guess-1' }, attacker), 'auth.invalid_credentials')
    }
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).lockedUntil!.getTime()).toBeGreaterThan(clock.now().getTime())
    // The attacker's address stays refused, even with the right password.
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, attacker), 'auth.invalid_credentials')

    const owner = buildContext()
    const pending = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, owner)
    expect(pending.next).toBe('second_factor')
    const full = await completeSecondFactor(db(), sessionIdOf(pending.session.token), await codeNow(secret), owner)
    expect((await resolveSession(db(), full.token))?.isSecondFactorPending).toBe(false)
    // The owner's success does not lift the lock the attacker caused: the attacker still gets nothing.
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, attacker), 'auth.invalid_credentials')
    // And the owner may come back the same way.
    clock.advance(30_000)
    const back = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, owner)
    await completeSecondFactor(db(), sessionIdOf(back.session.token), await codeNow(secret), owner)
  })

  it('with a second factor: a fresh address gets one guess, even in parallel', async () => {
    const { person, secret } = await personWithSecondFactor()
    const attacker = buildContext()
    for (let i = 0; i < max(); i++) await settle(signIn(db(), { login: person.account, password: 'Wrong-guess-1' }, attacker))
    const fresh = buildContext()
    const burst = await Promise.all(Array.from({ length: 10 }, () => settle(signIn(db(), { login: person.account, password: 'Wrong-guess-2' }, fresh))))
    expect(burst.every((r) => r === 'auth.invalid_credentials')).toBe(true)
    const checked = await db().auditEvent.count({ where: { actorId: person.id, action: 'auth.sign_in', outcome: 'FAILURE', ip: fresh.ip } })
    expect(checked).toBe(1)
    // Having failed, the fresh address is refused the right password too.
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, fresh), 'auth.invalid_credentials')

    // A clean address with the right password but a wrong code: one code only.
    const thief = buildContext()
    const pending = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, thief)
    const codes = await Promise.all(Array.from({ length: 10 }, async () => settle(completeSecondFactor(db(), sessionIdOf(pending.session.token), await wrongCode(secret), thief))))
    expect(codes.filter((r) => r === 'ok')).toHaveLength(0)
    expect(await db().auditEvent.count({ where: { actorId: person.id, action: 'auth.second_factor', outcome: 'FAILURE', ip: thief.ip } })).toBe(1)
  })

  it('without a second factor: stays locked from every address until the lock expires', async () => {
    const person = await buildPerson()
    for (let i = 0; i < max(); i++) await settle(signIn(db(), { login: person.account, password: 'Wrong-guess-1' }, buildContext()))
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext()), 'auth.invalid_credentials')
    clock.advance(minutes(config().SIGNIN_LOCK_MINUTES) + 1000)
    expect((await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())).next).toBe('done')
  })

  it('answers like an unknown account: same code, same parameters, about the same time', async () => {
    const person = await buildPerson()
    for (let i = 0; i < max(); i++) await settle(signIn(db(), { login: person.account, password: 'Wrong-guess-1' }, buildContext()))
    const answer = async (login: string, password: string) => {
      const started = performance.now()
      const error = await expectAppError(signIn(db(), { login, password }, buildContext()), 'auth.invalid_credentials')
      return { params: error.params, ms: performance.now() - started }
    }
    const other = await buildPerson()
    const samples = { unknown: [] as number[], locked: [] as number[], wrong: [] as number[] }
    for (let i = 0; i < 5; i++) {
      const unknown = await answer(`nobody-${i}-${person.account}`, TEST_PASSWORD)
      const locked = await answer(person.account, TEST_PASSWORD)
      const wrong = await answer(other.account, `Wrong-guess-${i}`)
      expect(unknown.params).toEqual(locked.params)
      expect(wrong.params).toEqual(locked.params)
      samples.unknown.push(unknown.ms)
      samples.locked.push(locked.ms)
      samples.wrong.push(wrong.ms)
      if (i === 2) await db().person.update({ where: { id: other.id }, data: { failedSignInCount: 0 } })
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    // Each path does one argon2 check; without it an unknown or locked account answers several times faster.
    expect(median(samples.unknown)).toBeGreaterThan(median(samples.wrong) * 0.5)
    expect(median(samples.locked)).toBeGreaterThan(median(samples.wrong) * 0.5)
  })
})
