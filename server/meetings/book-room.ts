import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { meetingPolicy } from './policy.ts'
import { isBookingOverlap } from './booking-conflict.ts'
import { bookRoomInput, type BookRoomInput } from './schemas.ts'

export type BookingRequest = { roomId: string; title: string; startsAt: Date; endsAt: Date; unitId: string; meetingId?: string | null; attendees?: number }

/**
 * The unit a booking or meeting is made for: the one named (which the actor must organise for), else
 * the unit of their 会务员 grant above their primary post (市政府办公室 for a clerk of its 文电科), else
 * the primary post's unit.
 */
export async function organiserUnitOf(db: Db | Tx, actor: Actor, unitId: string | undefined) {
  let unit = unitId ? await db.unit.findFirst({ where: { id: unitId, isActive: true }, select: { id: true, name: true, path: true } }) : null
  if (!unitId) {
    const primary = (await db.post.findFirst({ where: { personId: actor.personId, isPrimary: true }, select: { unit: { select: { id: true, name: true, path: true } } } }))?.unit
    const scope = primary && actor.grants
      .filter((g) => g.permissions.includes('meeting.organise') && primary.path.startsWith(g.scopePath))
      .sort((a, b) => b.scopePath.length - a.scopePath.length)[0]
    const scopeId = scope?.scopePath.split('/').filter(Boolean).pop()
    unit = scopeId && scopeId !== primary?.id ? await db.unit.findFirst({ where: { id: scopeId, isActive: true }, select: { id: true, name: true, path: true } }) : (primary ?? null)
  }
  if (!unit) throw new AppError('not_found')
  if (!meetingPolicy.mayOrganiseFor(actor, unit)) throw new AppError('forbidden')
  return unit
}

/**
 * Hold a room inside the caller's transaction. The database's exclusion constraint decides overlaps,
 * so two parallel requests for overlapping times never both commit (the loser gets room_taken).
 * A room that needs approval is PENDING (and its office gets a 待办) unless the booker manages it.
 */
export async function insertBooking(tx: Tx, actor: Actor, request: BookingRequest) {
  if (request.endsAt <= request.startsAt) throw new AppError('meeting.time_invalid')
  const room = await tx.meetingRoom.findFirst({ where: { id: request.roomId, isActive: true } })
  if (!room) throw new AppError('not_found')
  if (request.attendees && request.attendees > room.capacity) throw new AppError('meeting.room_too_small', { room: room.name, capacity: room.capacity })
  const roomUnit = await tx.unit.findUniqueOrThrow({ where: { id: room.unitId }, select: { id: true, path: true, name: true } })
  const status = room.needsApproval && !meetingPolicy.mayManageRoom(actor, roomUnit) ? 'PENDING' : 'APPROVED'
  // A savepoint, so a refused booking leaves the caller's transaction usable for the error path.
  await tx.$executeRaw`SAVEPOINT room_booking`
  let booking
  try {
    booking = await tx.roomBooking.create({
      data: { roomId: room.id, meetingId: request.meetingId ?? null, title: request.title, bookedById: actor.personId, unitId: request.unitId, startsAt: request.startsAt, endsAt: request.endsAt, status, createdAt: clock.now() },
    })
  } catch (error) {
    if (!isBookingOverlap(error)) throw error
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT room_booking`
    throw new AppError('meeting.room_taken', { room: room.name })
  }
  await tx.$executeRaw`RELEASE SAVEPOINT room_booking`
  if (status === 'PENDING') {
    const approvers = await roomApprovers(tx, roomUnit.path)
    await createInboxItems(tx, approvers.map((personId) => ({
      personId, kind: 'TODO', module: 'meetings', objectType: 'RoomBooking', objectId: booking.id, title: `会议室预定待审批：${room.name}`,
      source: request.title, url: `/meetings/rooms?date=${booking.startsAt.toISOString().slice(0, 10)}`, unitId: roomUnit.id,
    })))
  }
  return { booking, room }
}

/** Who decides bookings of rooms under `unitPath`: holders of meeting.organise over it. */
export async function roomApprovers(tx: Tx | Db, unitPath: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ personId: string }[]>`
    SELECT DISTINCT g."personId" FROM "RoleGrant" g
      JOIN "Role" r ON r.id = g."roleId" JOIN "Unit" u ON u.id = g."unitId" JOIN "Person" p ON p.id = g."personId"
     WHERE 'meeting.organise' = ANY(r.permissions) AND p."isActive"
       AND (u.path = ${unitPath} OR (g."includesSubunits" AND ${unitPath} LIKE u.path || '%'))`
  return rows.map((r) => r.personId)
}

/** Book a room on its own (without a meeting). */
export async function bookRoom(db: Db, actor: Actor, input: BookRoomInput, context: RequestContext) {
  const fields = bookRoomInput.parse(input)
  if (!meetingPolicy.mayOrganise(actor)) throw new AppError('forbidden')
  const unit = await organiserUnitOf(db, actor, fields.unitId)
  return db.$transaction(async (tx) => {
    const { booking, room } = await insertBooking(tx, actor, { ...fields, unitId: unit.id })
    await recordAudit(tx, {
      actor, action: 'meeting.room_book', objectType: 'RoomBooking', objectId: booking.id,
      details: { room: room.name, startsAt: booking.startsAt, endsAt: booking.endsAt, status: booking.status }, context,
    })
    return booking
  })
}
