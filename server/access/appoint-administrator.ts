import type { Db, Tx } from '../core/db/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { isUuid } from '../core/strings.ts'
import type { RequestContext } from '../core/request-context.ts'
import { assertDutiesApart, lockPeople, lockRole } from './grant-rules.ts'

export type AppointInput = {
  account: string
  /** A role's key: `system-admin`, `security-admin`, `auditor` (or any other role's key). */
  role: string
  /** The scope: a unit's id, its materialised path, or its path of names ("泰和市人民政府/办公室"); default the root unit. */
  unit?: string
  includesSubunits?: boolean
  /** Who ran it (the operating-system account), for the audit record. */
  operator: string
  /** Dismiss: remove this grant instead. */
  revoke?: boolean
}

/**
 * Appoint (or dismiss) an administrator. Nobody in the interface may grant another duty's role, so this
 * is an operator's act from the command line (`npm run admin:appoint`), audited with the system as actor
 * and the operator named. The duties still stay apart on one person.
 */
export async function appointAdministrator(db: Db, input: AppointInput, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const role = await tx.role.findUnique({ where: { key: input.role } })
    const person = await tx.person.findUnique({ where: { account: input.account.trim().toLowerCase() }, select: { id: true, account: true, name: true } })
    if (!role || !person) throw notFound()
    const unit = await findUnit(tx, input.unit)
    await lockRole(tx, role.id, input.revoke ? 'update' : 'share')
    await lockPeople(tx, [person.id])
    const details = { operator: input.operator, role: role.key, roleName: role.name, unitId: unit.id, unit: unit.name, person: { id: person.id, account: person.account, name: person.name } }
    const existing = await tx.roleGrant.findUnique({ where: { personId_roleId_unitId: { personId: person.id, roleId: role.id, unitId: unit.id } } })
    if (input.revoke) {
      if (!existing) throw notFound()
      await tx.roleGrant.delete({ where: { id: existing.id } })
      await recordAudit(tx, { actor: null, action: 'role.dismiss', objectType: 'Person', objectId: person.id, details, context })
      return existing
    }
    if (existing) throw new AppError('conflict')
    await assertDutiesApart(tx, person.id, role.permissions)
    const includesSubunits = input.includesSubunits ?? true
    const grant = await tx.roleGrant.create({ data: { personId: person.id, roleId: role.id, unitId: unit.id, includesSubunits } })
    await recordAudit(tx, { actor: null, action: 'role.appoint', objectType: 'Person', objectId: person.id, details: { ...details, includesSubunits }, context })
    return grant
  })
}

async function findUnit(tx: Tx, ref: string | undefined) {
  const select = { id: true, name: true, path: true } as const
  if (ref === undefined) {
    const roots = await tx.unit.findMany({ where: { parentId: null, isActive: true }, select, take: 2 })
    if (roots.length !== 1) throw new AppError('validation', {}, [{ path: ['unit'], message: 'name the unit' }])
    return roots[0]!
  }
  if (isUuid(ref)) return (await tx.unit.findUnique({ where: { id: ref }, select })) ?? throwNotFound()
  if (/^(\/[0-9a-f-]{36})+\/$/i.test(ref)) return (await tx.unit.findFirst({ where: { path: ref.toLowerCase() }, select })) ?? throwNotFound()
  const names = ref.split('/').map((n) => n.trim()).filter(Boolean)
  let found: { id: string; name: string; path: string } | undefined
  for (const name of names) {
    const parentId: string | null = found ? found.id : null
    found = (await tx.unit.findFirst({ where: { parentId, name }, select })) ?? throwNotFound()
  }
  return found ?? throwNotFound()
}

function throwNotFound(): never {
  throw notFound()
}
