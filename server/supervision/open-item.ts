import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { assignUnits } from './assign.ts'
import { indicatorRows, itemColumns } from './create-item.ts'
import { OBJECT_TYPE, recordEvent } from './timeline.ts'
import { openItemInput, type OpenItemInput } from './schemas.ts'

/** 立项 a draft (a leader's instruction, a meeting decision): fill in the fields and assign the units. */
export async function openItem(db: Db, actor: Actor, id: string, input: OpenItemInput, context: RequestContext) {
  const f = openItemInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const item = await loadItem(tx, viewer, id, { forUpdate: true, revision: f.revision })
    if (!supervisionPolicy.isOffice(viewer, item)) throw new AppError('not_found')
    if (item.status !== 'DRAFT') throw new AppError('supervision.not_open')
    const updated = await tx.supervisionItem.update({
      where: { id }, data: { ...itemColumns({ ...f, supervisorId: f.supervisorId ?? actor.personId }, now), status: 'IN_PROGRESS', revision: { increment: 1 }, indicators: { createMany: { data: indicatorRows(f) } } },
    })
    await completeInboxItems(tx, { objectType: OBJECT_TYPE, objectId: id, kind: 'TODO' })
    await recordEvent(tx, id, actor.personId, 'OPENED')
    await assignUnits(tx, updated, f.leadUnitId, f.coUnitIds, actor.personId, `${actor.name} · 督查室`)
    await recordAudit(tx, { actor, action: 'supervision.open', objectType: OBJECT_TYPE, objectId: id, details: { title: f.title }, context })
    return { id, revision: updated.revision }
  })
}
