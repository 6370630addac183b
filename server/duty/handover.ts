import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { currentSeat, nextOfficers } from './desk-helpers.ts'
import { handoverInput, type HandoverInput } from './schemas.ts'

/**
 * 交接班: the officer on duty leaves a note for the next shift, with the items still open (those of the
 * previous handover are offered again); the next shift's officers get it to acknowledge.
 */
export async function writeHandover(db: Db, actor: Actor, input: HandoverInput, context: RequestContext) {
  const fields = handoverInput.parse(input)
  const seat = await currentSeat(db, actor.personId, clock.now())
  if (!seat) throw new AppError('duty.not_on_shift')
  const next = (await nextOfficers(db, seat.roster.postId, seat.endsAt)).filter((id) => id !== actor.personId)
  return db.$transaction(async (tx) => {
    const handover = await tx.dutyHandover.create({ data: { postId: seat.roster.postId, fromAssignmentId: seat.id, authorId: actor.personId, note: fields.note, items: fields.items, createdAt: clock.now() } })
    await createInboxItems(tx, next.map((personId) => ({
      personId, kind: 'TODO', module: 'duty', objectType: 'DutyHandover', objectId: handover.id,
      title: `交接班：${actor.name}（${seat.roster.post.name}）${fields.items.filter((i) => i.isOpen).length ? `，${fields.items.filter((i) => i.isOpen).length} 项待办` : ''}`,
      source: seat.roster.post.unit.name, url: '/duty/desk', unitId: seat.roster.post.unit.id,
    })))
    await recordAudit(tx, { actor, action: 'duty.handover_write', objectType: 'DutyHandover', objectId: handover.id, details: { post: seat.roster.post.name, open: fields.items.filter((i) => i.isOpen).length, next: next.length }, context })
    return { id: handover.id, next: next.length }
  })
}

/** The next officer acknowledges a handover (and with it its open items). */
export async function acknowledgeHandover(db: Db, actor: Actor, handoverId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "DutyHandover" WHERE id = ${handoverId}::uuid FOR UPDATE`
    if (!rows.length) throw notFound()
    const handover = await tx.dutyHandover.findUniqueOrThrow({ where: { id: handoverId } })
    const from = await tx.dutyAssignment.findUnique({ where: { id: handover.fromAssignmentId }, select: { endsAt: true } })
    if (!from || !(await nextOfficers(tx, handover.postId, from.endsAt)).includes(actor.personId)) throw notFound()
    if (handover.acknowledgedAt) return { id: handoverId, acknowledgedAt: handover.acknowledgedAt }
    const now = clock.now()
    await tx.dutyHandover.update({ where: { id: handoverId }, data: { acknowledgedById: actor.personId, acknowledgedAt: now } })
    await completeInboxItems(tx, { objectType: 'DutyHandover', objectId: handoverId })
    await recordAudit(tx, { actor, action: 'duty.handover_acknowledge', objectType: 'DutyHandover', objectId: handoverId, details: {}, context })
    return { id: handoverId, acknowledgedAt: now }
  })
}
