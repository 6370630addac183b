import { Prisma, type Db } from '../core/db/index.ts'

const LONGEST_MEETING_MS = 7 * 86_400_000

type MeetingRow = { id: string; title: string; startsAt: Date; endsAt: Date; recurrence: string | null; location: string; icsUid: string }

/**
 * The statement of meetingsBetween: three index-led branches — the person's invitee rows (personId index),
 * meetings they organise, meetings they chair ((organiserId|chairId, startsAt) indexes) — each with the
 * range, one statement. The invitee branch looks its meetings up by id (`= ANY(ARRAY(…))`): as a join the
 * planner chose a scan of every meeting (bench/personal.ts prints the plan). A single OR across the three
 * made it walk the meetings' start index and probe each; two Prisma reads cost two round trips and the
 * organiser/chair one had no index.
 */
export function meetingsBetweenQuery(personId: string, from: Date, to: Date): Prisma.Sql {
  // A single meeting lasts less than a week (LONGEST_MEETING_MS), so its start bounds the read below as well as above.
  const lo = new Date(from.getTime() - LONGEST_MEETING_MS)
  const inRange = Prisma.sql`m.status = 'SCHEDULED' AND ((m.recurrence IS NULL AND m."startsAt" >= ${lo} AND m."startsAt" < ${to} AND m."endsAt" > ${from}) OR (m.recurrence IS NOT NULL AND m."startsAt" < ${to}))`
  const fields = Prisma.sql`m.id, m.title, m."startsAt", m."endsAt", m.recurrence, m.location, m."icsUid"`
  return Prisma.sql`
    SELECT DISTINCT ON (x."startsAt", x.id) x.* FROM (
      SELECT ${fields} FROM "Meeting" m WHERE m.id = ANY(ARRAY(SELECT i."meetingId" FROM "MeetingInvitee" i WHERE i."personId" = ${personId}::uuid AND i.answer <> 'DECLINE')) AND ${inRange}
      UNION ALL SELECT ${fields} FROM "Meeting" m WHERE m."organiserId" = ${personId}::uuid AND ${inRange}
      UNION ALL SELECT ${fields} FROM "Meeting" m WHERE m."chairId" = ${personId}::uuid AND ${inRange}
    ) x ORDER BY x."startsAt", x.id LIMIT 200`
}

/**
 * The meetings a person is in (organiser, chair or invitee who has not declined) that may fall in
 * [from, to): single meetings overlapping it, and series (`recurrence`) that began before `to` — the
 * caller expands those. One statement (meetingsBetweenQuery).
 */
export async function meetingsBetween(db: Db, personId: string, from: Date, to: Date) {
  return db.$queryRaw<MeetingRow[]>(meetingsBetweenQuery(personId, from, to))
}
