import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { accessPolicy } from './policy.ts'
import { assertDutiesApart, lockPeople, lockRole } from './grant-rules.ts'
import { roleFields, type RoleFields } from './schemas.ts'

/**
 * Edit a custom role. Changing its permissions or second-factor rule changes what every holder may do
 * at once, so it is checked as granting the change to each holder again: role.manage over every grant's
 * scope, the administrator permissions changed held there, never a role the editor holds gaining
 * permissions, and every holder's duties still apart. Built-in roles are only copied, never edited.
 */
export async function updateRole(db: Db, actor: Actor, roleId: string, input: RoleFields, context: RequestContext) {
  if (!accessPolicy.mayManageRoles(actor)) throw new AppError('forbidden')
  const fields = roleFields.parse(input)
  return db.$transaction(async (tx) => {
    await lockRole(tx, roleId, 'update')
    const before = await tx.role.findUnique({ where: { id: roleId } })
    if (!before) throw notFound()
    if (before.isSystem) throw new AppError('access.system_role')
    const added = fields.permissions.filter((p) => !before.permissions.includes(p))
    const removed = before.permissions.filter((p) => !(fields.permissions as readonly string[]).includes(p))
    const notHeld = accessPolicy.administratorPermissionsNotHeld(actor, added)
    if (notHeld.length) throw new AppError('access.not_held', { permission: notHeld.join(', ') })
    // Dropping the second-factor rule widens a role as much as adding a permission does.
    const widens = added.length > 0 || (before.requiresTotp && !fields.requiresTotp)
    if (added.length || removed.length || fields.requiresTotp !== before.requiresTotp) {
      const grants = await tx.roleGrant.findMany({ where: { roleId }, select: { personId: true, includesSubunits: true, unit: { select: { path: true } } } })
      for (const grant of grants) {
        if (widens && grant.personId === actor.personId) throw new AppError('access.self_grant')
        const scope = { path: grant.unit.path, includesSubunits: grant.includesSubunits }
        if (!accessPolicy.mayGrantIn(actor, scope)) throw new AppError('forbidden')
        const notHeldThere = accessPolicy.administratorPermissionsNotHeld(actor, [...added, ...removed], scope)
        if (notHeldThere.length) throw new AppError('access.not_held', { permission: notHeldThere.join(', ') })
      }
      if (added.length) {
        const holders = [...new Set(grants.map((g) => g.personId))]
        await lockPeople(tx, holders)
        for (const personId of holders) await assertDutiesApart(tx, personId, [], { roleId, permissions: fields.permissions })
      }
    }
    const role = await tx.role.update({ where: { id: roleId }, data: fields })
    await recordAudit(tx, {
      actor, action: 'role.update', objectType: 'Role', objectId: roleId,
      details: {
        ...(before.name !== fields.name ? { name: { from: before.name, to: fields.name } } : {}),
        permissions: { from: before.permissions, to: fields.permissions },
        requiresTotp: { from: before.requiresTotp, to: fields.requiresTotp },
      },
      context,
    })
    return role
  })
}
