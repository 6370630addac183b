import type { Db } from '../core/db/index.ts'

/**
 * The meetings a person is in (organiser, chair or invitee who has not declined) that may fall in
 * [from, to): single meetings overlapping it, and series (`recurrence`) that began before `to` — the
 * caller expands those. Ranged on the invitee's person index and the meeting's start.
 */
export async function meetingsBetween(db: Db, personId: string, from: Date, to: Date) {
  const rows = await db.meeting.findMany({
    where: {
      status: 'SCHEDULED',
      startsAt: { lt: to },
      OR: [{ recurrence: null, endsAt: { gt: from } }, { recurrence: { not: null } }],
      AND: [{ OR: [{ organiserId: personId }, { chairId: personId }, { invitees: { some: { personId, answer: { not: 'DECLINE' } } } }] }],
    },
    orderBy: { startsAt: 'asc' },
    take: 200,
    select: { id: true, title: true, startsAt: true, endsAt: true, recurrence: true, location: true, icsUid: true },
  })
  return rows
}
