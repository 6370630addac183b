import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { directoryPolicy } from './policy.ts'

/**
 * Deactivate or reactivate a unit. A unit with active subunits or active members cannot be
 * deactivated: move or deactivate them first, so nobody is left in a unit that no longer exists.
 */
export async function setUnitActive(db: Db, actor: Actor, unitId: string, isActive: boolean, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: unitId } })
    if (!unit) throw notFound()
    if (!directoryPolicy.mayManageUnit(actor, unit)) throw new AppError('forbidden')
    if (!isActive) {
      if (!unit.parentId) throw new AppError('directory.root_unit')
      const activeChildren = await tx.unit.count({ where: { parentId: unitId, isActive: true } })
      const activeMembers = await tx.post.count({ where: { unitId, person: { isActive: true } } })
      if (activeChildren + activeMembers > 0) {
        throw new AppError('directory.unit_has_active_members', { units: activeChildren, people: activeMembers })
      }
    }
    if (unit.isActive === isActive) return unit
    const updated = await tx.unit.update({ where: { id: unitId }, data: { isActive } })
    await recordAudit(tx, { actor, action: isActive ? 'unit.reactivate' : 'unit.deactivate', objectType: 'Unit', objectId: unitId, context })
    return updated
  })
}
