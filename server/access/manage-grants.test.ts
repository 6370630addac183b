import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { hasPermission } from '../core/authz/index.ts'
import { actorFor, buildContext, buildPerson, buildRole, buildTree } from '../test/factories.ts'
import { deleteRole, grantRole, revokeGrant, updateRole } from './index.ts'

describe('roles and grants', () => {
  it('grants a role within a unit scope, takes effect at once, and audits every change', async () => {
    const { root, dept, division, sibling } = await buildTree()
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage'], unit: root }] }))
    const reviewer = await buildPerson({ unit: dept })
    const role = await buildRole(['person.manage'])
    const grant = await grantRole(db(), security, { personId: reviewer.id, roleId: role.id, unitId: dept.id, includesSubunits: true }, buildContext())

    let actor = await actorFor(reviewer)
    expect(hasPermission(actor, 'person.manage', { unitPath: division.path })).toBe(true)
    expect(hasPermission(actor, 'person.manage', { unitPath: sibling.path })).toBe(false)
    expect(hasPermission(actor, 'unit.manage', { unitPath: dept.path })).toBe(false)

    await updateRole(db(), security, role.id, { name: role.name, nameEn: 'x', description: '', permissions: ['person.manage', 'unit.manage'], requiresTotp: false }, buildContext())
    actor = await actorFor(reviewer)
    expect(hasPermission(actor, 'unit.manage', { unitPath: dept.path })).toBe(true)

    await expect(deleteRole(db(), security, role.id, buildContext())).rejects.toMatchObject({ code: 'access.role_in_use' })
    await expect(grantRole(db(), security, { personId: reviewer.id, roleId: role.id, unitId: dept.id, includesSubunits: true }, buildContext())).rejects.toMatchObject({ code: 'conflict' })
    await revokeGrant(db(), security, grant.id, buildContext())
    expect((await actorFor(reviewer)).grants).toEqual([])
    await deleteRole(db(), security, role.id, buildContext())

    const actions = (await db().auditEvent.findMany({ where: { actorId: security.personId }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['role.grant', 'role.update', 'role.revoke', 'role.delete'])
  })

  it('refuses granting outside the granter’s scope, and to people without role.manage', async () => {
    const { dept, sibling } = await buildTree()
    const deptSecurity = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['role.manage'], unit: dept }] }))
    const someone = await buildPerson({ unit: sibling })
    const role = await buildRole(['audit.view'])
    await expect(grantRole(db(), deptSecurity, { personId: someone.id, roleId: role.id, unitId: sibling.id, includesSubunits: true }, buildContext())).rejects.toMatchObject({ code: 'forbidden' })
    const clerk = await actorFor(await buildPerson({ unit: dept }))
    await expect(grantRole(db(), clerk, { personId: someone.id, roleId: role.id, unitId: dept.id, includesSubunits: true }, buildContext())).rejects.toMatchObject({ code: 'forbidden' })
    await expect(updateRole(db(), clerk, role.id, { name: 'x', nameEn: 'x', description: '', permissions: [], requiresTotp: false }, buildContext())).rejects.toMatchObject({ code: 'forbidden' })
  })
})
