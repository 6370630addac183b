import type { Db } from '../core/db/index.ts'
import { isPermission, type Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createRole } from './create-role.ts'
import { accessPolicy } from './policy.ts'

/**
 * Copy a role (built-in roles cannot be edited, only copied): the copy is an ordinary custom role, under
 * the same rules as creating one.
 */
export async function copyRole(db: Db, actor: Actor, roleId: string, context: RequestContext) {
  if (!accessPolicy.mayManageRoles(actor)) throw new AppError('forbidden')
  const source = await db.role.findUnique({ where: { id: roleId } })
  if (!source) throw notFound()
  const copy = {
    name: `${source.name.slice(0, 36)}（副本）`,
    nameEn: `${source.nameEn.slice(0, 53)} (copy)`,
    description: source.description,
    permissions: source.permissions.filter(isPermission),
    requiresTotp: source.requiresTotp,
  }
  return createRole(db, actor, copy, context, source)
}
