import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, endOfShanghaiDay } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { uuidv7 } from '../directory/index.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { assignUnits } from './assign.ts'
import { indicatorRows, itemColumns } from './create-item.ts'
import { OBJECT_TYPE, recordEvent } from './timeline.ts'
import { decomposeInput, type DecomposeInput } from './schemas.ts'

/**
 * 分解: a sub-item of any depth under an item, with its own units, deadline and indicators, assigned
 * at once. Its deadline may not be later than its parent's. The office that owns the parent does it.
 */
export async function decomposeItem(db: Db, actor: Actor, parentId: string, input: DecomposeInput, context: RequestContext) {
  const f = decomposeInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const parent = await loadItem(tx, viewer, parentId, { forUpdate: true })
    if (!supervisionPolicy.isOffice(viewer, parent)) throw new AppError('not_found')
    if (parent.status === 'DRAFT' || parent.status === 'COMPLETED') throw new AppError('supervision.not_open')
    if (endOfShanghaiDay(f.deadline).getTime() > parent.deadline.getTime()) throw new AppError('supervision.deadline_after_parent', { deadline: parent.deadline })
    const id = uuidv7()
    const child = await tx.supervisionItem.create({
      data: {
        id, parentId, path: `${parent.path}${id}/`, depth: parent.depth + 1, officeUnitId: parent.officeUnitId, createdById: actor.personId,
        source: parent.source, sourceNumber: parent.sourceNumber, sourceDocumentId: parent.sourceDocumentId, sourceRef: parent.sourceRef,
        ...itemColumns({ ...f, supervisorId: f.supervisorId ?? parent.supervisorId ?? actor.personId }, now), status: 'IN_PROGRESS', createdAt: now,
        indicators: { createMany: { data: indicatorRows(f) } },
      },
    })
    await tx.supervisionItem.update({ where: { id: parentId }, data: { revision: { increment: 1 } } })
    await recordEvent(tx, parentId, actor.personId, 'DECOMPOSED', { childId: id, title: f.title })
    await recordEvent(tx, id, actor.personId, 'CREATED', { parentId })
    await assignUnits(tx, child, f.leadUnitId, f.coUnitIds, actor.personId, `${actor.name} · 督查室`)
    await recordAudit(tx, { actor, action: 'supervision.decompose', objectType: OBJECT_TYPE, objectId: id, details: { parentId, title: f.title }, context })
    return { id }
  })
}
