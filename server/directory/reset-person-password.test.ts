import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { signIn } from '../auth/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { accountPolicy, getPerson, isPrivilegedPerson, resetPersonPassword, unlockPerson } from './index.ts'

const lock = (personId: string) => db().person.update({ where: { id: personId }, data: { lockedUntil: new Date(Date.now() + 600_000), failedSignInCount: 5 } })

describe('password resets and unlocking (三员分立)', () => {
  it('the system administrator resets ordinary people’s passwords in scope, never an administrator’s', async () => {
    const { root, dept, sibling } = await buildTree()
    const system = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['person.manage', 'unit.manage'], unit: root }] }))
    const ordinary = await buildPerson({ unit: dept, grants: [{ permissions: ['notice.send'], unit: dept }] })
    await resetPersonPassword(db(), system, ordinary.id, 'Temporary-Pass-9', buildContext())
    expect((await db().person.findUniqueOrThrow({ where: { id: ordinary.id } })).mustChangePassword).toBe(true)

    for (const permissions of [['audit.view'], ['security.manage', 'role.manage'], ['directory.export']] as const) {
      const administrator = await buildPerson({ unit: dept, grants: [{ permissions: [...permissions], unit: sibling }] })
      expect(await isPrivilegedPerson(db(), administrator.id)).toBe(true)
      const error = await expectAppError(resetPersonPassword(db(), system, administrator.id, 'Temporary-Pass-9', buildContext()), 'directory.privileged_account')
      expect(error.httpStatus).toBe(403)
      // The old password still signs in: nothing was changed.
      expect((await signIn(db(), { login: administrator.account, password: 'Correct-Horse-9' }, buildContext())).next).toBe('done')
    }
    expect(await isPrivilegedPerson(db(), ordinary.id)).toBe(false)
  })

  it('the security administrator resets an administrator’s password, audited with both people named; never their own', async () => {
    const { root, dept, sibling } = await buildTree()
    const securityPerson = await buildPerson({ unit: root, name: '郑安全', grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] })
    const security = await actorFor(securityPerson)
    const auditor = await buildPerson({ unit: dept, name: '黄审计', grants: [{ permissions: ['audit.view'], unit: root }] })
    await resetPersonPassword(db(), security, auditor.id, 'Temporary-Pass-9', buildContext())
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'person.password_reset', objectId: auditor.id } })
    expect(event).toMatchObject({ actorId: securityPerson.id, actorName: '郑安全' })
    expect(event.details).toMatchObject({ isPrivileged: true, person: { id: auditor.id, account: auditor.account, name: '黄审计' } })

    await expectAppError(resetPersonPassword(db(), security, securityPerson.id, 'Temporary-Pass-9', buildContext()), 'directory.own_account')
    // Over the person's unit only.
    const deptSecurity = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['security.manage'], unit: dept }] }))
    const siblingAuditor = await buildPerson({ unit: sibling, grants: [{ permissions: ['audit.view'], unit: sibling }] })
    await expectAppError(resetPersonPassword(db(), deptSecurity, siblingAuditor.id, 'Temporary-Pass-9', buildContext()), 'forbidden')
    // Nor does anyone reset their own password here (changing it asks for the current one).
    const directoryClerk = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['person.manage'], unit: dept }] }))
    await expectAppError(resetPersonPassword(db(), directoryClerk, directoryClerk.personId, 'Temporary-Pass-9', buildContext()), 'directory.own_account')
  })

  it('unlocking is the security administrator’s act, over the person’s unit, never on their own account', async () => {
    const { root, dept, sibling } = await buildTree()
    const target = await buildPerson({ unit: dept })
    await lock(target.id)
    const system = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['person.manage'], unit: root }] }))
    await expectAppError(unlockPerson(db(), system, target.id, buildContext()), 'forbidden')
    const siblingSecurity = await actorFor(await buildPerson({ unit: sibling, grants: [{ permissions: ['security.manage'], unit: sibling }] }))
    await expectAppError(unlockPerson(db(), siblingSecurity, target.id, buildContext()), 'forbidden')
    expect((await db().person.findUniqueOrThrow({ where: { id: target.id } })).lockedUntil).not.toBeNull()
    const securityPerson = await buildPerson({ unit: root, grants: [{ permissions: ['security.manage', 'role.manage'], unit: root }] })
    const security = await actorFor(securityPerson)
    await unlockPerson(db(), security, target.id, buildContext())
    expect((await db().person.findUniqueOrThrow({ where: { id: target.id } })).lockedUntil).toBeNull()
    await lock(securityPerson.id)
    await expectAppError(unlockPerson(db(), security, securityPerson.id, buildContext()), 'directory.own_account')
  })

  it('the person page offers only what the server allows', async () => {
    const { root, dept } = await buildTree()
    const system = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['person.manage'], unit: root }] }))
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['security.manage', 'role.manage'], unit: root }] }))
    const ordinary = await getPerson(db(), (await buildPerson({ unit: dept })).id)
    const auditor = await getPerson(db(), (await buildPerson({ unit: dept, grants: [{ permissions: ['audit.view'], unit: root }] })).id)
    const actions = async (actor: typeof system, person: typeof ordinary) => accountPolicy.accountActions(actor, person, await isPrivilegedPerson(db(), person.id))
    expect(await actions(system, ordinary)).toEqual({ mayResetPassword: true, mayUnlock: false })
    expect(await actions(system, auditor)).toEqual({ mayResetPassword: false, mayUnlock: false })
    expect(await actions(security, auditor)).toEqual({ mayResetPassword: true, mayUnlock: true })
    expect(await actions(security, ordinary)).toEqual({ mayResetPassword: true, mayUnlock: true })
    expect(await actions(security, await getPerson(db(), security.personId))).toEqual({ mayResetPassword: false, mayUnlock: false })
  })
})
