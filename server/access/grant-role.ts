import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { assertDutiesApart, assertMayGrant, lockPeople, lockRole } from './grant-rules.ts'
import { grantInput, type GrantInput } from './schemas.ts'

/**
 * Grant a role within a unit scope. Nobody grants to themselves; the granter needs role.manage over the
 * whole scope and every administrator permission of the role over it; the grantee's duties stay apart.
 */
export async function grantRole(db: Db, actor: Actor, input: GrantInput, context: RequestContext) {
  const fields = grantInput.parse(input)
  if (fields.personId === actor.personId) throw new AppError('access.self_grant')
  return db.$transaction(async (tx) => {
    await lockRole(tx, fields.roleId, 'share')
    await lockPeople(tx, [fields.personId])
    // One after another: a transaction is one connection, and queries on it do not overlap.
    const unit = await tx.unit.findUnique({ where: { id: fields.unitId } })
    const role = await tx.role.findUnique({ where: { id: fields.roleId } })
    const person = await tx.person.findUnique({ where: { id: fields.personId }, select: { id: true, name: true, account: true } })
    if (!unit || !role || !person) throw notFound()
    assertMayGrant(actor, { personId: person.id }, role.permissions, { path: unit.path, includesSubunits: fields.includesSubunits })
    const existing = await tx.roleGrant.findUnique({ where: { personId_roleId_unitId: { personId: person.id, roleId: role.id, unitId: unit.id } } })
    if (existing) throw new AppError('conflict')
    await assertDutiesApart(tx, person.id, role.permissions)
    const grant = await tx.roleGrant.create({ data: { ...fields, grantedById: actor.personId } })
    await recordAudit(tx, {
      actor, action: 'role.grant', objectType: 'Person', objectId: person.id,
      details: { roleId: role.id, role: role.name, unitId: unit.id, unit: unit.name, includesSubunits: fields.includesSubunits, person: { account: person.account, name: person.name } },
      context,
    })
    return grant
  })
}
