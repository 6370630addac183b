import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { days, fromShanghai } from '../core/clock.ts'
import { unitPathPatterns } from '../core/authz/index.ts'
import { Prisma } from '../core/db/index.ts'
import { freeBusyInput, type FreeBusyInput } from './schemas.ts'

export type BusyBlock = { id: string; roomId: string; startsAt: Date; endsAt: Date; status: 'PENDING' | 'APPROVED'; title: string | null; meetingId: string | null }

/**
 * The busy blocks of every active room overlapping [from, to), as one statement. They come from the
 * partial GiST index on the booking's range (`RoomBooking_live_range`, live statuses only): the
 * exclusion constraint's index leads with the room, so asking it for 200 rooms at once was 200
 * descents (745 buffers for a week, against 6 now). Whether the viewer reads a booking's title is
 * decided here too (booked by them, or `meeting.organise` over the booking's unit: `unitPathPatterns`
 * is `hasPermission` as SQL), so no unit path travels to be checked row by row.
 */
export function busySql(actor: Actor, from: Date, to: Date) {
  return Prisma.sql`
    SELECT b.id, b."roomId", b."startsAt", b."endsAt", b.status::text AS status, b."meetingId",
           CASE WHEN b."bookedById" = ${actor.personId}::uuid OR u.path LIKE ANY(${unitPathPatterns(actor, 'meeting.organise')}::text[]) THEN b.title END AS title
      FROM "RoomBooking" b
      JOIN "MeetingRoom" r ON r.id = b."roomId" AND r."isActive"
      JOIN "Unit" u ON u.id = b."unitId"
     WHERE b.status IN ('PENDING', 'APPROVED')
       AND tstzrange(b."startsAt", b."endsAt", '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')
     ORDER BY b."startsAt"`
}

/**
 * Free/busy across every active room for a day or a week (Beijing days): the rooms and their busy
 * blocks, two statements run side by side. Titles show only for bookings of units the actor
 * organises for, or their own; others read as occupied.
 */
export async function freeBusy(db: Db, actor: Actor, input: FreeBusyInput) {
  const { date, range } = freeBusyInput.parse(input)
  const from = fromShanghai(date)
  const to = new Date(from.getTime() + days(range === 'week' ? 7 : 1))
  const [rooms, busy] = await Promise.all([
    db.meetingRoom.findMany({ where: { isActive: true }, orderBy: [{ unitId: 'asc' }, { name: 'asc' }], select: { id: true, name: true, capacity: true, unitId: true, needsApproval: true, equipment: true, location: true } }),
    db.$queryRaw<BusyBlock[]>(busySql(actor, from, to)),
  ])
  return { from, to, rooms, busy }
}
