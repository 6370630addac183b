import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { allPermissions, hasPermission, systemRoles } from '../core/authz/index.ts'
import { ensureSystemRoles } from '../platform/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildRole, buildTree } from '../test/factories.ts'
import { copyRole, createRole, deleteRole, grantRole, updateRole } from './index.ts'

const fields = (permissions: string[], name = `角色${Math.random().toString(36).slice(2, 8)}`) =>
  ({ name, nameEn: 'A role', description: '', permissions, requiresTotp: false }) as Parameters<typeof createRole>[2]

describe('roles', () => {
  it('built-in roles cannot be edited or deleted, only copied; the copy is an ordinary role', async () => {
    const { root, dept } = await buildTree()
    const ids = await ensureSystemRoles(db())
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] }))
    for (const key of ['security-admin', 'auditor', 'notice-sender'] as const) {
      const roleId = ids.get(key)!
      await expectAppError(updateRole(db(), security, roleId, fields(['role.manage', 'security.manage', 'audit.view'], systemRoles[key].name), buildContext()), 'access.system_role')
      await expectAppError(deleteRole(db(), security, roleId, buildContext()), 'access.system_role')
      expect((await db().role.findUniqueOrThrow({ where: { id: roleId } })).permissions).toEqual([...systemRoles[key].permissions])
    }
    const copy = await copyRole(db(), security, ids.get('security-admin')!, buildContext())
    expect(copy).toMatchObject({ isSystem: false, name: '安全管理员（副本）', nameEn: 'Security administrator (copy)', permissions: ['role.manage', 'security.manage'] })
    await updateRole(db(), security, copy.id, fields(['security.manage'], '安全员（本部门）'), buildContext())
    const someone = await buildPerson({ unit: dept })
    await grantRole(db(), security, { personId: someone.id, roleId: copy.id, unitId: dept.id, includesSubunits: true }, buildContext())
    expect(hasPermission(await actorFor(someone), 'security.manage', { unitPath: dept.path })).toBe(true)
    // A copy of another duty's role is refused to the security administrator: it would put audit.view in a role.
    await expectAppError(copyRole(db(), security, ids.get('auditor')!, buildContext()), 'access.not_held')
    const actions = (await db().auditEvent.findMany({ where: { actorId: security.personId }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['role.create', 'role.update', 'role.grant'])
  })

  it('a role cannot be given administrator permissions its editor does not hold', async () => {
    const { root } = await buildTree()
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] }))
    await expectAppError(createRole(db(), security, fields(['notice.send', 'audit.view']), buildContext()), 'access.not_held')
    await expectAppError(createRole(db(), security, fields(['unit.manage']), buildContext()), 'access.not_held')
    const role = await createRole(db(), security, fields(['notice.send', 'security.manage']), buildContext())
    await expectAppError(updateRole(db(), security, role.id, fields(['notice.send', 'person.manage']), buildContext()), 'access.not_held')
    await updateRole(db(), security, role.id, fields(['document.register']), buildContext())
  })

  it('editing a role is granting it again to every holder: no self-escalation, scope and duties still hold', async () => {
    const { root, dept, sibling } = await buildTree()
    const securityPerson = await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] })
    const security = await actorFor(securityPerson)
    // The editor holds this role: adding to it would give the editor more.
    const ownRole = await db().roleGrant.findFirstOrThrow({ where: { personId: securityPerson.id }, select: { roleId: true } })
    await expectAppError(updateRole(db(), security, ownRole.roleId, fields(['role.manage', 'security.manage', 'notice.send']), buildContext()), 'access.self_grant')
    await updateRole(db(), security, ownRole.roleId, fields(['role.manage', 'security.manage']), buildContext())
    // Nor may the editor drop the second-factor rule of a role they hold.
    await db().role.update({ where: { id: ownRole.roleId }, data: { requiresTotp: true } })
    await expectAppError(updateRole(db(), security, ownRole.roleId, fields(['role.manage', 'security.manage']), buildContext()), 'access.self_grant')
    await updateRole(db(), security, ownRole.roleId, { ...fields(['security.manage', 'role.manage']), requiresTotp: true }, buildContext())

    // Held outside the editor's scope: a department's security administrator cannot widen it.
    const deptSecurity = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['role.manage', 'security.manage'], unit: dept }] }))
    const business = await buildRole(['notice.send'])
    const holder = await buildPerson({ unit: sibling })
    await db().roleGrant.create({ data: { personId: holder.id, roleId: business.id, unitId: sibling.id } })
    await expectAppError(updateRole(db(), deptSecurity, business.id, fields(['notice.send', 'document.register']), buildContext()), 'forbidden')
    await updateRole(db(), security, business.id, fields(['notice.send', 'document.register']), buildContext())

    // A holder of the auditor's duty cannot be given another duty by editing a role they hold.
    const everything = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: [...allPermissions], unit: root }] }))
    const auditorRole = await buildRole(['audit.view'])
    const auditor = await buildPerson({ unit: dept })
    await db().roleGrant.create({ data: { personId: auditor.id, roleId: auditorRole.id, unitId: root.id } })
    await expectAppError(updateRole(db(), everything, auditorRole.id, fields(['audit.view', 'unit.manage']), buildContext()), 'access.duties_conflict')
    expect((await db().role.findUniqueOrThrow({ where: { id: auditorRole.id } })).permissions).toEqual(['audit.view'])
  })

  it('people without role.manage manage no roles; roles in use are not deleted', async () => {
    const { root, dept } = await buildTree()
    const clerk = await actorFor(await buildPerson({ unit: dept }))
    const role = await buildRole(['notice.send'])
    await expectAppError(updateRole(db(), clerk, role.id, fields([]), buildContext()), 'forbidden')
    await expectAppError(createRole(db(), clerk, fields([]), buildContext()), 'forbidden')
    await expectAppError(copyRole(db(), clerk, role.id, buildContext()), 'forbidden')
    const security = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] }))
    await grantRole(db(), security, { personId: (await buildPerson({ unit: dept })).id, roleId: role.id, unitId: dept.id, includesSubunits: true }, buildContext())
    await expectAppError(deleteRole(db(), security, role.id, buildContext()), 'access.role_in_use')
    const unused = await buildRole(['notice.send'])
    await deleteRole(db(), security, unused.id, buildContext())
    expect(await db().role.count({ where: { id: unused.id } })).toBe(0)
  })
})
