import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { assertOrganCodeFree } from './organ-code.ts'
import { directoryPolicy } from './policy.ts'
import { unitFields, type UnitFields } from './schemas.ts'

export async function updateUnit(db: Db, actor: Actor, unitId: string, input: UnitFields, context: RequestContext) {
  const fields = unitFields.parse(input)
  return db.$transaction(async (tx) => {
    const before = await tx.unit.findUnique({ where: { id: unitId } })
    if (!before) throw notFound()
    if (!directoryPolicy.mayManageUnit(actor, before)) throw new AppError('forbidden')
    await assertOrganCodeFree(tx, fields.organCode, unitId)
    const unit = await tx.unit.update({ where: { id: unitId }, data: fields })
    const changed = Object.fromEntries(
      Object.entries(fields).filter(([k, v]) => before[k as keyof typeof before] !== v).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    )
    await recordAudit(tx, { actor, action: 'unit.update', objectType: 'Unit', objectId: unitId, details: changed, context })
    return unit
  })
}
