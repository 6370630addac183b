import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { directoryPolicy } from './policy.ts'
import { childPath, rewriteSubtreePaths } from './unit-paths.ts'

/** Move a unit (with everything under it) to a new parent. Needs unit.manage on both ends. */
export async function moveUnit(db: Db, actor: Actor, unitId: string, newParentId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    // Lock both rows so two concurrent moves cannot build a cycle between them.
    const rows = await tx.$queryRaw<{ id: string; path: string; depth: number; parentId: string | null }[]>`
      SELECT id, path, depth, "parentId" FROM "Unit" WHERE id IN (${unitId}::uuid, ${newParentId}::uuid) ORDER BY id FOR UPDATE`
    const unit = rows.find((r) => r.id === unitId)
    const parent = rows.find((r) => r.id === newParentId)
    if (!unit || !parent) throw notFound()
    if (!directoryPolicy.mayManageUnit(actor, unit) || !directoryPolicy.mayManageUnit(actor, parent)) throw new AppError('forbidden')
    if (!unit.parentId) throw new AppError('directory.root_unit')
    if (parent.path.startsWith(unit.path)) throw new AppError('directory.unit_cycle')
    if (unit.parentId === parent.id) return
    const newPath = childPath(parent.path, unit.id)
    await tx.unit.update({ where: { id: unitId }, data: { parentId: parent.id } })
    await rewriteSubtreePaths(tx, unit.path, newPath, parent.depth + 1 - unit.depth)
    await recordAudit(tx, {
      actor, action: 'unit.move', objectType: 'Unit', objectId: unitId,
      details: { fromParentId: unit.parentId, toParentId: parent.id }, context,
    })
  })
}
