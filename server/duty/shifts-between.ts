import { Prisma, type Db } from '../core/db/index.ts'

/** A shift lasts at most 48 hours (schemas.ts): a seat overlapping [from, to) started after from − 48 h. */
const LONGEST_SHIFT_MS = 48 * 3_600_000

/**
 * The statement of shiftsBetween: a ranged read on (personId, startsAt) bounded on both sides, joined to
 * the roster (published only), its post and the seat's role. One statement (it was two: the seats, then
 * their roles' names).
 */
export function shiftsBetweenQuery(personId: string, from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id, a."rosterId", a."startsAt", a."endsAt", COALESCE(r.name, '') AS role, dp.name AS post
      FROM "DutyAssignment" a
      JOIN "DutyRoster" ro ON ro.id = a."rosterId" AND ro.status = 'PUBLISHED'
      JOIN "DutyPost" dp ON dp.id = ro."postId"
      LEFT JOIN "DutyShiftRole" r ON r.id = a."roleId"
     WHERE a."personId" = ${personId}::uuid AND a."startsAt" < ${to} AND a."startsAt" > ${new Date(from.getTime() - LONGEST_SHIFT_MS)} AND a."endsAt" > ${from}
     ORDER BY a."startsAt"
     LIMIT 200`
}

/** A person's seats on published rosters overlapping [from, to). */
export async function shiftsBetween(db: Db, personId: string, from: Date, to: Date) {
  return db.$queryRaw<{ id: string; rosterId: string; startsAt: Date; endsAt: Date; role: string; post: string }[]>(shiftsBetweenQuery(personId, from, to))
}
