import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { accessPolicy } from './policy.ts'

/**
 * Revoke a grant. The same rules as granting it: role.manage over its scope and every administrator
 * permission of the role there, so one duty cannot dismiss another (that is `npm run admin:appoint -- --revoke`).
 */
export async function revokeGrant(db: Db, actor: Actor, grantId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId }, include: { unit: true, role: true } })
    if (!grant) throw notFound()
    const scope = { path: grant.unit.path, includesSubunits: grant.includesSubunits }
    if (!accessPolicy.mayGrantIn(actor, scope)) throw new AppError('forbidden')
    const notHeld = accessPolicy.administratorPermissionsNotHeld(actor, grant.role.permissions, scope)
    if (notHeld.length) throw new AppError('access.not_held', { permission: notHeld.join(', ') })
    await tx.roleGrant.delete({ where: { id: grantId } })
    await recordAudit(tx, {
      actor, action: 'role.revoke', objectType: 'Person', objectId: grant.personId,
      details: { roleId: grant.roleId, role: grant.role.name, unitId: grant.unitId, unit: grant.unit.name },
      context,
    })
  })
}
