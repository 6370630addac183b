import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { resolveSession, signIn } from '../auth/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree, TEST_PASSWORD } from '../test/factories.ts'
import { createPerson, getPerson, resetPersonPassword, setPersonActive, unlockPerson, updatePerson } from './index.ts'


describe('people management', () => {
  it('creates a person with several posts (兼职) and leader charges; they must change the initial password', async () => {
    const { root, dept, division, sibling } = await buildTree()
    const admin = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['person.manage'], unit: root }] }))
    const person = await createPerson(db(), admin, {
      account: 'Li.Ming', name: '李明', phone: '13711112222', email: 'liming@example.gov.cn', initialPassword: 'Initial-Pass-1',
      posts: [{ unitId: dept.id, title: '副主任', leaderRank: 'DEPUTY', isPrimary: true }, { unitId: sibling.id, title: '兼职', leaderRank: 'NONE', isPrimary: false }],
      leaderChargeUnitIds: [division.id],
    }, buildContext())
    const card = await getPerson(db(), person.id)
    expect(card).toMatchObject({ account: 'li.ming', namePinyin: 'liming', mustChangePassword: true, hasPassword: true })
    expect(card.posts.map((p) => [p.unit.id, p.isPrimary])).toEqual([[dept.id, true], [sibling.id, false]])
    expect(card.leaderCharges.map((c) => c.unit.id)).toEqual([division.id])
    const { next } = await signIn(db(), { login: '13711112222', password: 'Initial-Pass-1' }, buildContext())
    expect(next).toBe('done')

    await expectAppError(createPerson(db(), admin, {
      account: 'li.ming', name: '重复', initialPassword: 'Initial-Pass-1', posts: [{ unitId: dept.id, title: '科员', leaderRank: 'NONE', isPrimary: true }], leaderChargeUnitIds: [],
    }, buildContext()), 'directory.account_taken')
    await expectAppError(createPerson(db(), admin, {
      account: 'other1', name: '重复', phone: '13711112222', initialPassword: 'Initial-Pass-1', posts: [{ unitId: dept.id, title: '科员', leaderRank: 'NONE', isPrimary: true }], leaderChargeUnitIds: [],
    }, buildContext()), 'directory.phone_taken')
    await expectAppError(createPerson(db(), admin, {
      account: 'other2', name: '弱密码', initialPassword: 'weak', posts: [{ unitId: dept.id, title: '科员', leaderRank: 'NONE', isPrimary: true }], leaderChargeUnitIds: [],
    }, buildContext()), 'password.too_short')
    expect(await db().person.count({ where: { account: { in: ['other1', 'other2'] } } })).toBe(0)
  })

  it('disabling a person ends their sessions at once; only their managers may do it', async () => {
    const { root, dept, sibling } = await buildTree()
    const target = await buildPerson({ unit: dept })
    const { session } = await signIn(db(), { login: target.account, password: TEST_PASSWORD }, buildContext())
    const outsider = await actorFor(await buildPerson({ unit: sibling, grants: [{ permissions: ['person.manage'], unit: sibling }] }))
    await expectAppError(setPersonActive(db(), outsider, target.id, false, buildContext()), 'forbidden')
    await expectAppError(updatePerson(db(), outsider, target.id, { name: '改', posts: [{ unitId: dept.id, title: 'x', leaderRank: 'NONE', isPrimary: true }], leaderChargeUnitIds: [] }, buildContext()), 'forbidden')
    const admin = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['person.manage'], unit: root }] }))
    await setPersonActive(db(), admin, target.id, false, buildContext())
    expect(await resolveSession(db(), session.token)).toBeNull()
    await expectAppError(signIn(db(), { login: target.account, password: TEST_PASSWORD }, buildContext()), 'auth.account_disabled')
    // History is kept.
    expect(await db().auditEvent.count({ where: { actorId: target.id } })).toBeGreaterThan(0)
    // An administrator cannot lock themselves out.
    await expectAppError(setPersonActive(db(), admin, admin.personId, false, buildContext()), 'forbidden')
  })

  it('resets passwords (must change at next sign-in) and unlocks accounts with the right permissions', async () => {
    const { root, dept } = await buildTree()
    const target = await buildPerson({ unit: dept })
    const admin = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['person.manage'], unit: root }] }))
    await resetPersonPassword(db(), admin, target.id, 'Temporary-Pass-9', buildContext())
    expect((await db().person.findUniqueOrThrow({ where: { id: target.id } })).mustChangePassword).toBe(true)
    await db().person.update({ where: { id: target.id }, data: { lockedUntil: new Date(Date.now() + 600_000) } })
    await expectAppError(unlockPerson(db(), admin, target.id, buildContext()), 'forbidden')
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['security.manage'], unit: root }] }))
    await unlockPerson(db(), security, target.id, buildContext())
    expect((await db().person.findUniqueOrThrow({ where: { id: target.id } })).lockedUntil).toBeNull()
  })
})
