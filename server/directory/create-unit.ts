import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { assertOrganCodeFree } from './organ-code.ts'
import { directoryPolicy } from './policy.ts'
import { unitFields, type UnitFields } from './schemas.ts'
import { childPath } from './unit-paths.ts'
import { uuidv7 } from './uuid.ts'

export async function createUnit(db: Db, actor: Actor, parentId: string, input: UnitFields, context: RequestContext) {
  const fields = unitFields.parse(input)
  return db.$transaction(async (tx) => {
    const parent = await tx.unit.findUnique({ where: { id: parentId } })
    if (!parent) throw notFound()
    if (!directoryPolicy.mayManageUnit(actor, parent)) throw new AppError('forbidden')
    await assertOrganCodeFree(tx, fields.organCode)
    const id = uuidv7()
    const unit = await tx.unit.create({
      data: { id, ...fields, parentId, path: childPath(parent.path, id), depth: parent.depth + 1 },
    })
    await recordAudit(tx, { actor, action: 'unit.create', objectType: 'Unit', objectId: unit.id, details: { ...fields, parentId }, context })
    return unit
  })
}
