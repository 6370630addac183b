import { describe, expect, it } from 'vitest'
import { generate } from 'otplib'
import { db } from '../core/db/index.ts'
import { clock, minutes, hours, days } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { buildContext, buildPerson, buildUnit, TEST_PASSWORD } from '../test/factories.ts'
import {
  beginSecondFactorEnrolment, changePassword, completeSecondFactor, confirmSecondFactorEnrolment,
  isPasswordChangeDue, resolveSession, sessionIdOf, signIn, signOutEverywhere,
} from './index.ts'

/** The code of the clock's current 30-second step (the server checks against `clock.now()`). */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) })

describe('signIn', () => {
  it('signs in by account or phone and issues a new session id each time', async () => {
    const person = await buildPerson({ phone: '13912345678' })
    const a = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    const b = await signIn(db(), { login: '13912345678', password: TEST_PASSWORD }, buildContext())
    expect(a.next).toBe('done')
    expect(a.session.token).not.toBe(b.session.token)
    expect((await resolveSession(db(), a.session.token))?.person.id).toBe(person.id)
    // The table stores only a hash of the cookie token.
    expect(await db().session.findUnique({ where: { id: a.session.token } })).toBeNull()
    const audit = await db().auditEvent.findMany({ where: { actorId: person.id, action: 'auth.sign_in' } })
    expect(audit.map((e) => e.outcome)).toEqual(['SUCCESS', 'SUCCESS'])
  })

  it('locks the account after repeated wrong passwords, and unlocks after the period', async () => {
    const person = await buildPerson()
    const context = buildContext()
    for (let i = 0; i < 5; i++) {
      await expectAppError(signIn(db(), { login: person.account, password: 'wrong' }, context), 'auth.invalid_credentials')
    }
    const { lockedUntil } = await db().person.findUniqueOrThrow({ where: { id: person.id } })
    expect(lockedUntil!.getTime()).toBeGreaterThan(clock.now().getTime() + minutes(14))
    // Even the right password is refused while locked, with the answer an unknown account gets.
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, context), 'auth.invalid_credentials')
    clock.advance(minutes(16))
    expect((await signIn(db(), { login: person.account, password: TEST_PASSWORD }, context)).next).toBe('done')
    const failures = await db().auditEvent.count({ where: { actorId: person.id, outcome: 'FAILURE' } })
    expect(failures).toBe(5)
    expect(await db().auditEvent.count({ where: { actorId: person.id, outcome: 'DENIED' } })).toBe(1)
  })

  it('locks a client address that guesses across many accounts', async () => {
    const context = buildContext()
    for (let i = 0; i < 30; i++) {
      await expectAppError(signIn(db(), { login: `nobody${i}`, password: 'x' }, context), 'auth.invalid_credentials')
    }
    const person = await buildPerson()
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, context), 'auth.ip_locked')
    // Another address is unaffected.
    expect((await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())).next).toBe('done')
  })

  it('refuses a disabled person', async () => {
    const person = await buildPerson({ isActive: false })
    await expectAppError(signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext()), 'auth.account_disabled')
  })
})

describe('sessions', () => {
  it('expire after the idle timeout and after the absolute lifetime', async () => {
    const person = await buildPerson()
    const idle = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    clock.advance(minutes(29))
    expect(await resolveSession(db(), idle.session.token)).not.toBeNull()
    clock.advance(minutes(31))
    expect(await resolveSession(db(), idle.session.token)).toBeNull()

    const busy = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    for (let i = 0; i < 12; i++) {
      clock.advance(minutes(20))
      expect(await resolveSession(db(), busy.session.token)).not.toBeNull()
    }
    clock.advance(hours(1))
    expect(await resolveSession(db(), busy.session.token)).toBeNull()
  })

  it('end everywhere at once, and when the person is disabled', async () => {
    const person = await buildPerson()
    const tokens = await Promise.all([1, 2, 3].map(() => signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())))
    expect(await signOutEverywhere(db(), { personId: person.id, name: person.name }, buildContext())).toBe(3)
    for (const t of tokens) expect(await resolveSession(db(), t.session.token)).toBeNull()

    const again = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    await db().person.update({ where: { id: person.id }, data: { isActive: false } })
    expect(await resolveSession(db(), again.session.token)).toBeNull()
  })
})

describe('second factor', () => {
  it('is enrolled when a role requires it, then asked at every sign-in', async () => {
    const unit = await buildUnit()
    const person = await buildPerson({ unit, grants: [{ permissions: ['audit.view'], unit, requiresTotp: true }] })
    const first = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    expect(first.next).toBe('enrol_second_factor')
    const pending = await resolveSession(db(), first.session.token)
    expect(pending?.isSecondFactorPending).toBe(true)

    const { secret, uri } = await beginSecondFactorEnrolment(db(), person.id)
    expect(uri).toContain('otpauth://totp/')
    await expectAppError(confirmSecondFactorEnrolment(db(), sessionIdOf(first.session.token), '000000', buildContext()), 'auth.second_factor_invalid')
    const upgraded = await confirmSecondFactorEnrolment(db(), sessionIdOf(first.session.token), await codeNow(secret), buildContext())
    expect(upgraded).not.toBeNull()
    expect(await resolveSession(db(), first.session.token)).toBeNull()
    expect((await resolveSession(db(), upgraded!.token))?.isSecondFactorPending).toBe(false)

    const second = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    expect(second.next).toBe('second_factor')
    await expectAppError(completeSecondFactor(db(), sessionIdOf(second.session.token), '123456', buildContext()), 'auth.second_factor_invalid')
    // A code is accepted once: the enrolment's code does not sign in again; the next step's does.
    await expectAppError(completeSecondFactor(db(), sessionIdOf(second.session.token), await codeNow(secret), buildContext()), 'auth.second_factor_invalid')
    clock.advance(30_000)
    const full = await completeSecondFactor(db(), sessionIdOf(second.session.token), await codeNow(secret), buildContext())
    expect((await resolveSession(db(), full.token))?.isSecondFactorPending).toBe(false)
  })
})

describe('passwords', () => {
  it('follow the rules, are not reused, and changing one ends other sessions', async () => {
    const person = await buildPerson()
    const mine = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    const other = await signIn(db(), { login: person.account, password: TEST_PASSWORD }, buildContext())
    const session = { id: sessionIdOf(mine.session.token), personId: person.id }
    await expectAppError(changePassword(db(), session, { currentPassword: 'nope', newPassword: 'Abcdefgh-123' }, buildContext()), 'password.wrong_current')
    await expectAppError(changePassword(db(), session, { currentPassword: TEST_PASSWORD, newPassword: 'short1A!' }, buildContext()), 'password.too_short')
    await expectAppError(changePassword(db(), session, { currentPassword: TEST_PASSWORD, newPassword: 'alllowercaseletters' }, buildContext()), 'password.too_simple')
    await expectAppError(changePassword(db(), session, { currentPassword: TEST_PASSWORD, newPassword: `${person.account}-A1` }, buildContext()), 'password.contains_account')
    await expectAppError(changePassword(db(), session, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, buildContext()), 'password.reused')
    await changePassword(db(), session, { currentPassword: TEST_PASSWORD, newPassword: 'New-Secret-2026' }, buildContext())
    expect(await resolveSession(db(), mine.session.token)).not.toBeNull()
    expect(await resolveSession(db(), other.session.token)).toBeNull()
    await expectAppError(changePassword(db(), session, { currentPassword: 'New-Secret-2026', newPassword: TEST_PASSWORD }, buildContext()), 'password.reused')
  })

  it('are due for change when reset by an administrator or older than the maximum age', () => {
    expect(isPasswordChangeDue({ mustChangePassword: true, passwordChangedAt: clock.now() })).toBe(true)
    expect(isPasswordChangeDue({ mustChangePassword: false, passwordChangedAt: clock.now() })).toBe(false)
    expect(isPasswordChangeDue({ mustChangePassword: false, passwordChangedAt: new Date(clock.now().getTime() - days(91)) })).toBe(true)
  })
})
