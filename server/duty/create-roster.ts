import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { yearOf } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { officialDaysFor } from './calendar.ts'
import { dutyPolicy } from './policy.ts'
import { createRosterInput, type CreateRosterInput } from './schemas.ts'

/** Start a roster (draft) for a post over a period. A period whose year has no official calendar is refused. */
export async function createRoster(db: Db, actor: Actor, input: CreateRosterInput, context: RequestContext) {
  const fields = createRosterInput.parse(input)
  const post = await db.dutyPost.findUnique({ where: { id: fields.postId }, include: { unit: { select: { path: true, name: true } } } })
  if (!post || !post.isActive || !dutyPolicy.mayManageUnit(actor, post.unit)) throw notFound()
  await officialDaysFor(db, [yearOf(fields.startDate), yearOf(fields.endDate)])
  return db.$transaction(async (tx) => {
    const roster = await tx.dutyRoster.create({ data: { postId: post.id, startDate: fields.startDate, endDate: fields.endDate, createdById: actor.personId } })
    await recordAudit(tx, { actor, action: 'duty.roster_create', objectType: 'DutyRoster', objectId: roster.id, details: { post: post.name, unit: post.unit.name, from: fields.startDate, to: fields.endDate }, context })
    return { id: roster.id }
  })
}
