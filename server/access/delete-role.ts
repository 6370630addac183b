import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { accessPolicy } from './policy.ts'
import { lockRole } from './grant-rules.ts'

/** Delete a custom role nobody holds. Built-in roles are never deleted. */
export async function deleteRole(db: Db, actor: Actor, roleId: string, context: RequestContext) {
  if (!accessPolicy.mayManageRoles(actor)) throw new AppError('forbidden')
  return db.$transaction(async (tx) => {
    await lockRole(tx, roleId, 'update')
    const role = await tx.role.findUnique({ where: { id: roleId }, include: { _count: { select: { grants: true } } } })
    if (!role) throw notFound()
    if (role.isSystem) throw new AppError('access.system_role')
    if (role._count.grants > 0) throw new AppError('access.role_in_use')
    await tx.role.delete({ where: { id: roleId } })
    await recordAudit(tx, { actor, action: 'role.delete', objectType: 'Role', objectId: roleId, details: { name: role.name }, context })
  })
}
