import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { days, fromShanghai } from '../core/clock.ts'
import { hasPermission } from '../core/authz/index.ts'
import { freeBusyInput, type FreeBusyInput } from './schemas.ts'

export type BusyBlock = { id: string; roomId: string; startsAt: Date; endsAt: Date; status: 'PENDING' | 'APPROVED'; title: string | null; meetingId: string | null }

/**
 * Free/busy across every active room for a day or a week (Beijing days). Busy blocks come from the
 * exclusion constraint's GiST index (room = ANY, range &&). Titles show only for bookings of units
 * the actor organises for, or their own; others read as occupied.
 */
export async function freeBusy(db: Db, actor: Actor, input: FreeBusyInput) {
  const { date, range } = freeBusyInput.parse(input)
  const from = fromShanghai(date)
  const to = new Date(from.getTime() + days(range === 'week' ? 7 : 1))
  const rooms = await db.meetingRoom.findMany({ where: { isActive: true }, orderBy: [{ unitId: 'asc' }, { name: 'asc' }], select: { id: true, name: true, capacity: true, unitId: true, needsApproval: true, equipment: true, location: true } })
  const rows = await db.$queryRaw<(Omit<BusyBlock, 'title'> & { title: string; unitPath: string; bookedById: string })[]>`
    SELECT b.id, b."roomId", b."startsAt", b."endsAt", b.status::text AS status, b.title, b."meetingId", u.path AS "unitPath", b."bookedById"
      FROM "RoomBooking" b JOIN "Unit" u ON u.id = b."unitId"
     WHERE b."roomId" = ANY(${rooms.map((r) => r.id)}::uuid[]) AND b.status IN ('PENDING', 'APPROVED')
       AND tstzrange(b."startsAt", b."endsAt", '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')
     ORDER BY b."startsAt"`
  const busy: BusyBlock[] = rows.map((r) => ({
    id: r.id, roomId: r.roomId, startsAt: r.startsAt, endsAt: r.endsAt, status: r.status, meetingId: r.meetingId,
    title: r.bookedById === actor.personId || hasPermission(actor, 'meeting.organise', { unitPath: r.unitPath }) ? r.title : null,
  }))
  return { from, to, rooms, busy }
}
