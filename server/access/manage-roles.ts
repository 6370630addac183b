import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { accessPolicy } from './policy.ts'
import { roleFields, type RoleFields } from './schemas.ts'

export async function listRoles(db: Db) {
  return db.role.findMany({ orderBy: [{ isSystem: 'desc' }, { name: 'asc' }], include: { _count: { select: { grants: true } } } })
}

export async function createRole(db: Db, actor: Actor, input: RoleFields, context: RequestContext) {
  if (!accessPolicy.mayManageRoles(actor)) throw new AppError('forbidden')
  const fields = roleFields.parse(input)
  return db.$transaction(async (tx) => {
    const role = await tx.role.create({ data: { key: `custom-${crypto.randomUUID().slice(0, 8)}`, ...fields } })
    await recordAudit(tx, { actor, action: 'role.create', objectType: 'Role', objectId: role.id, details: fields, context })
    return role
  })
}

/** Edit a role's permissions or second-factor rule; this changes what every holder may do at once. */
export async function updateRole(db: Db, actor: Actor, roleId: string, input: RoleFields, context: RequestContext) {
  if (!accessPolicy.mayManageRoles(actor)) throw new AppError('forbidden')
  const fields = roleFields.parse(input)
  return db.$transaction(async (tx) => {
    const before = await tx.role.findUnique({ where: { id: roleId } })
    if (!before) throw notFound()
    const role = await tx.role.update({ where: { id: roleId }, data: fields })
    await recordAudit(tx, {
      actor, action: 'role.update', objectType: 'Role', objectId: roleId,
      details: {
        permissions: { from: before.permissions, to: fields.permissions },
        requiresTotp: { from: before.requiresTotp, to: fields.requiresTotp },
      },
      context,
    })
    return role
  })
}

export async function deleteRole(db: Db, actor: Actor, roleId: string, context: RequestContext) {
  if (!accessPolicy.mayManageRoles(actor)) throw new AppError('forbidden')
  return db.$transaction(async (tx) => {
    const role = await tx.role.findUnique({ where: { id: roleId }, include: { _count: { select: { grants: true } } } })
    if (!role) throw notFound()
    if (role.isSystem || role._count.grants > 0) throw new AppError('access.role_in_use')
    await tx.role.delete({ where: { id: roleId } })
    await recordAudit(tx, { actor, action: 'role.delete', objectType: 'Role', objectId: roleId, details: { name: role.name }, context })
  })
}
