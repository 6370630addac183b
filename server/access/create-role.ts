import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { accessPolicy } from './policy.ts'
import { roleFields, type RoleFields } from './schemas.ts'

/** A new custom role. It may hold business permissions, and only those administrator permissions its creator holds. */
export async function createRole(db: Db, actor: Actor, input: RoleFields, context: RequestContext, copiedFrom?: { id: string; key: string }) {
  if (!accessPolicy.mayManageRoles(actor)) throw new AppError('forbidden')
  const fields = roleFields.parse(input)
  const notHeld = accessPolicy.administratorPermissionsNotHeld(actor, fields.permissions)
  if (notHeld.length) throw new AppError('access.not_held', { permission: notHeld.join(', ') })
  return db.$transaction(async (tx) => {
    const role = await tx.role.create({ data: { key: `custom-${crypto.randomUUID().slice(0, 8)}`, ...fields } })
    await recordAudit(tx, {
      actor, action: 'role.create', objectType: 'Role', objectId: role.id,
      details: { ...fields, ...(copiedFrom ? { copiedFrom: copiedFrom.id, copiedFromKey: copiedFrom.key } : {}) },
      context,
    })
    return role
  })
}
