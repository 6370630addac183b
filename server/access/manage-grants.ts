import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { accessPolicy } from './policy.ts'
import { grantInput, type GrantInput } from './schemas.ts'

export async function listGrants(db: Db, filter: { personId?: string; roleId?: string } = {}) {
  return db.roleGrant.findMany({
    where: filter,
    orderBy: { createdAt: 'desc' },
    take: 500,
    include: {
      person: { select: { id: true, name: true, account: true } },
      role: { select: { id: true, name: true, nameEn: true } },
      unit: { select: { id: true, name: true } },
    },
  })
}

export async function grantRole(db: Db, actor: Actor, input: GrantInput, context: RequestContext) {
  const fields = grantInput.parse(input)
  return db.$transaction(async (tx) => {
    // One after another: a transaction is one connection, and queries on it do not overlap.
    const unit = await tx.unit.findUnique({ where: { id: fields.unitId } })
    const role = await tx.role.findUnique({ where: { id: fields.roleId } })
    const person = await tx.person.findUnique({ where: { id: fields.personId }, select: { id: true, isActive: true } })
    if (!unit || !role || !person) throw notFound()
    if (!accessPolicy.mayGrantIn(actor, unit)) throw new AppError('forbidden')
    const existing = await tx.roleGrant.findUnique({ where: { personId_roleId_unitId: { personId: person.id, roleId: role.id, unitId: unit.id } } })
    if (existing) throw new AppError('conflict')
    const grant = await tx.roleGrant.create({ data: { ...fields, grantedById: actor.personId } })
    await recordAudit(tx, {
      actor, action: 'role.grant', objectType: 'Person', objectId: person.id,
      details: { roleId: role.id, role: role.name, unitId: unit.id, unit: unit.name, includesSubunits: fields.includesSubunits },
      context,
    })
    return grant
  })
}

export async function revokeGrant(db: Db, actor: Actor, grantId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId }, include: { unit: true, role: true } })
    if (!grant) throw notFound()
    if (!accessPolicy.mayGrantIn(actor, grant.unit)) throw new AppError('forbidden')
    await tx.roleGrant.delete({ where: { id: grantId } })
    await recordAudit(tx, {
      actor, action: 'role.revoke', objectType: 'Person', objectId: grant.personId,
      details: { roleId: grant.roleId, role: grant.role.name, unitId: grant.unitId, unit: grant.unit.name },
      context,
    })
  })
}
