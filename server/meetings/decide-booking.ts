import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { meetingPolicy } from './policy.ts'
import { decideBookingInput } from './schemas.ts'

/** The room's office approves or rejects a PENDING booking (the row is locked; a decided one is refused). */
export async function decideBooking(db: Db, actor: Actor, bookingId: string, input: { approve: boolean; reason?: string }, context: RequestContext) {
  const fields = decideBookingInput.parse(input)
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "RoomBooking" WHERE id = ${bookingId}::uuid FOR UPDATE`
    if (!locked) throw new AppError('not_found')
    const booking = await tx.roomBooking.findUniqueOrThrow({ where: { id: bookingId }, include: { room: true } })
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: booking.room.unitId }, select: { path: true } })
    if (!meetingPolicy.mayManageRoom(actor, unit)) throw new AppError('not_found')
    if (booking.status !== 'PENDING') throw new AppError('meeting.booking_decided')
    const updated = await tx.roomBooking.update({
      where: { id: booking.id },
      data: { status: fields.approve ? 'APPROVED' : 'REJECTED', decidedById: actor.personId, decidedAt: clock.now(), reason: fields.reason ?? null },
    })
    await completeInboxItems(tx, { objectType: 'RoomBooking', objectId: booking.id })
    if (!fields.approve) {
      await createInboxItems(tx, [{
        personId: booking.bookedById, kind: 'TO_READ', module: 'meetings', objectType: 'RoomBooking', objectId: booking.id,
        title: `会议室预定未获批准：${booking.room.name}`, source: fields.reason ?? '', url: booking.meetingId ? `/meetings/${booking.meetingId}` : '/meetings/rooms',
      }])
    }
    await recordAudit(tx, { actor, action: fields.approve ? 'meeting.booking_approve' : 'meeting.booking_reject', objectType: 'RoomBooking', objectId: booking.id, details: { room: booking.room.name, reason: fields.reason ?? null }, context })
    return updated
  })
}
