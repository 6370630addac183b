import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { allPermissions, hasPermission } from '../core/authz/index.ts'
import { ensureSystemRoles } from '../platform/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildRole, buildTree } from '../test/factories.ts'
import { grantRole, revokeGrant } from './index.ts'

const administratorPermissions = ['unit.manage', 'person.manage', 'directory.import', 'directory.export', 'mail.manage', 'workflow.manage', 'seal.manage', 'app.manage', 'app.review', 'role.manage', 'security.manage', 'audit.view'] as const

async function builtInRoles() {
  const ids = await ensureSystemRoles(db())
  return { systemAdmin: ids.get('system-admin')!, securityAdmin: ids.get('security-admin')!, auditor: ids.get('auditor')!, noticeSender: ids.get('notice-sender')! }
}

describe('granting roles (三员分立)', () => {
  it('grants a business role within the granter’s scope, takes effect at once, and audits grant and revoke', async () => {
    const { root, dept, division, sibling } = await buildTree()
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] }))
    const reviewer = await buildPerson({ unit: dept })
    const role = await buildRole(['notice.send', 'document.register'])
    const grant = await grantRole(db(), security, { personId: reviewer.id, roleId: role.id, unitId: dept.id, includesSubunits: true }, buildContext())
    const actor = await actorFor(reviewer)
    expect(hasPermission(actor, 'notice.send', { unitPath: division.path })).toBe(true)
    expect(hasPermission(actor, 'notice.send', { unitPath: sibling.path })).toBe(false)
    await expectAppError(grantRole(db(), security, { personId: reviewer.id, roleId: role.id, unitId: dept.id, includesSubunits: true }, buildContext()), 'conflict')
    await revokeGrant(db(), security, grant.id, buildContext())
    expect((await actorFor(reviewer)).grants).toEqual([])
    const actions = (await db().auditEvent.findMany({ where: { actorId: security.personId }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['role.grant', 'role.revoke'])
  })

  it('nobody grants a role to themselves, not even a business role', async () => {
    const { root } = await buildTree()
    const security = await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] })
    const { auditor, noticeSender } = await builtInRoles()
    for (const roleId of [auditor, noticeSender]) {
      const error = await expectAppError(grantRole(db(), await actorFor(security), { personId: security.id, roleId, unitId: root.id, includesSubunits: true }, buildContext()), 'access.self_grant')
      expect(error.httpStatus).toBe(403)
    }
    expect(await db().roleGrant.count({ where: { personId: security.id } })).toBe(1)
  })

  it('the security administrator cannot grant the auditor’s or system administrator’s role, nor a custom role holding their permissions', async () => {
    const { root, dept } = await buildTree()
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] }))
    const someone = await buildPerson({ unit: dept })
    const { auditor, systemAdmin, securityAdmin, noticeSender } = await builtInRoles()
    for (const roleId of [auditor, systemAdmin, (await buildRole(['notice.send', 'audit.view'])).id, (await buildRole(['unit.manage'])).id]) {
      const error = await expectAppError(grantRole(db(), security, { personId: someone.id, roleId, unitId: dept.id, includesSubunits: true }, buildContext()), 'access.not_held')
      expect(error.httpStatus).toBe(403)
    }
    expect(await db().roleGrant.count({ where: { personId: someone.id } })).toBe(0)
    // What the granter holds over that scope may be passed on: its own duty, and business roles.
    await grantRole(db(), security, { personId: someone.id, roleId: securityAdmin, unitId: dept.id, includesSubunits: true }, buildContext())
    await grantRole(db(), security, { personId: someone.id, roleId: noticeSender, unitId: dept.id, includesSubunits: true }, buildContext())
  })

  it('a grant stays within the granter’s scope, subunits included', async () => {
    const { root, dept, division, sibling } = await buildTree()
    const { securityAdmin, noticeSender } = await builtInRoles()
    const deptOnly = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['role.manage', 'security.manage'], unit: dept, includesSubunits: false }] }))
    const someone = await buildPerson({ unit: dept })
    await expectAppError(grantRole(db(), deptOnly, { personId: someone.id, roleId: noticeSender, unitId: sibling.id, includesSubunits: false }, buildContext()), 'forbidden')
    await expectAppError(grantRole(db(), deptOnly, { personId: someone.id, roleId: noticeSender, unitId: division.id, includesSubunits: false }, buildContext()), 'forbidden')
    // Over the department and the units below it: the granter holds only the department itself.
    await expectAppError(grantRole(db(), deptOnly, { personId: someone.id, roleId: noticeSender, unitId: dept.id, includesSubunits: true }, buildContext()), 'forbidden')
    await grantRole(db(), deptOnly, { personId: someone.id, roleId: noticeSender, unitId: dept.id, includesSubunits: false }, buildContext())

    // Administrator permissions are checked over the grant's scope too: role.manage over the city, security.manage over one department.
    const split = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage'], unit: root }, { permissions: ['security.manage'], unit: dept }] }))
    const other = await buildPerson({ unit: sibling })
    await expectAppError(grantRole(db(), split, { personId: other.id, roleId: securityAdmin, unitId: root.id, includesSubunits: true }, buildContext()), 'access.not_held')
    await grantRole(db(), split, { personId: other.id, roleId: securityAdmin, unitId: dept.id, includesSubunits: true }, buildContext())

    const clerk = await actorFor(await buildPerson({ unit: dept }))
    await expectAppError(grantRole(db(), clerk, { personId: someone.id, roleId: noticeSender, unitId: dept.id, includesSubunits: true }, buildContext()), 'forbidden')
  })

  it('the three administrator duties stay apart on one person, by whatever roles', async () => {
    const { root, dept } = await buildTree()
    const { auditor, systemAdmin, securityAdmin } = await builtInRoles()
    // A granter that holds everything (as the first administrator of older installations did).
    const everything = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: [...allPermissions], unit: root }] }))
    const person = await buildPerson({ unit: dept })
    await grantRole(db(), everything, { personId: person.id, roleId: auditor, unitId: root.id, includesSubunits: true }, buildContext())
    for (const roleId of [systemAdmin, securityAdmin, (await buildRole(['notice.send', 'mail.manage'])).id, (await buildRole(['role.manage'])).id]) {
      const error = await expectAppError(grantRole(db(), everything, { personId: person.id, roleId, unitId: dept.id, includesSubunits: false }, buildContext()), 'access.duties_conflict')
      expect(error.httpStatus).toBe(409)
    }
    // More of the same duty, and business roles, are fine.
    await grantRole(db(), everything, { personId: person.id, roleId: (await buildRole(['audit.view', 'notice.send'])).id, unitId: dept.id, includesSubunits: true }, buildContext())
  })

  it('two parallel grants of different duties to one person: exactly one succeeds', async () => {
    const { root } = await buildTree()
    const { auditor, systemAdmin, securityAdmin } = await builtInRoles()
    const granters = await Promise.all([1, 2, 3].map(async () => actorFor(await buildPerson({ unit: root, grants: [{ permissions: [...administratorPermissions], unit: root }] }))))
    for (let round = 0; round < 5; round++) {
      const person = await buildPerson({ unit: root })
      const results = await Promise.allSettled([auditor, systemAdmin, securityAdmin].map((roleId, i) =>
        grantRole(db(), granters[i]!, { personId: person.id, roleId, unitId: root.id, includesSubunits: true }, buildContext())))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'access.duties_conflict' })
      expect(await db().roleGrant.count({ where: { personId: person.id } })).toBe(1)
    }
  })

  it('revoking follows the granting rules: the security administrator cannot dismiss the auditor', async () => {
    const { root, dept } = await buildTree()
    const { auditor, noticeSender } = await builtInRoles()
    const everything = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: [...administratorPermissions], unit: root }] }))
    const person = await buildPerson({ unit: dept })
    const auditGrant = await grantRole(db(), everything, { personId: person.id, roleId: auditor, unitId: root.id, includesSubunits: true }, buildContext())
    const noticeGrant = await grantRole(db(), everything, { personId: person.id, roleId: noticeSender, unitId: dept.id, includesSubunits: true }, buildContext())
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] }))
    await expectAppError(revokeGrant(db(), security, auditGrant.id, buildContext()), 'access.not_held')
    await revokeGrant(db(), security, noticeGrant.id, buildContext())
  })
})
