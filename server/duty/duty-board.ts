import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { unitPathPatterns } from '../core/authz/index.ts'
import { addDays, shanghaiDate, shanghaiInstant } from '../core/clock.ts'
import { memberUnitIds } from './policy.ts'

/** A shift lasts at most 48 hours (schemas.ts), so a seat overlapping today started at most this long before it. */
const LONGEST_SHIFT_MS = 48 * 3_600_000

/**
 * The board's statement: today's seats of the rosters the actor may see — their own units and those above
 * them (published rosters), rosters they are on, those they manage, and the units below an upper duty office
 * (filed rosters) — first `take` by start. The seat's start is bounded on both sides (a seat overlapping
 * today began within the longest shift before it), so the (startsAt, endsAt) index reads three days, not
 * every seat ever (bench/duty.ts prints both plans: 1,435 buffers instead of 26,569 with a month of history).
 * Tried and dropped: the seats as one json_agg row — PostgreSQL's JSON building cost more than it saved.
 */
export function boardQuery(actor: Actor, members: readonly string[], now: Date, take: number): Prisma.Sql {
  const today = shanghaiDate(now)
  const dayStart = shanghaiInstant(today)
  const dayEnd = shanghaiInstant(addDays(today, 1))
  return Prisma.sql`
      SELECT a.id, a."startsAt", a."endsAt", a."signedOnAt", a."rosterId",
             p.id AS "personId", p.name AS "personName", p.phone AS "personPhone",
             dp.id AS "postId", dp.name AS "postName", dp.phone AS "postPhone", u.id AS "unitId", u.name AS "unitName",
             r.name AS "roleName", r."isLeader", sp.name AS "shiftName"
        FROM "DutyRoster" ro
        JOIN "DutyPost" dp ON dp.id = ro."postId"
        JOIN "Unit" u ON u.id = dp."unitId"
        JOIN "DutyAssignment" a ON a."rosterId" = ro.id AND a."startsAt" < ${dayEnd} AND a."startsAt" > ${new Date(dayStart.getTime() - LONGEST_SHIFT_MS)}
                               AND a."endsAt" > ${dayStart} AND a."personId" IS NOT NULL
        JOIN "Person" p ON p.id = a."personId"
        JOIN "DutyShiftRole" r ON r.id = a."roleId"
        JOIN "DutyShiftPattern" sp ON sp.id = a."patternId"
       WHERE ro.status = 'PUBLISHED' AND ro."startDate" <= ${today} AND ro."endDate" >= ${addDays(today, -2)}
         AND (u.path LIKE ANY(${unitPathPatterns(actor, 'duty.manage')}::text[])
              OR u.id = ANY(${members}::uuid[])
              OR (ro."filedAt" IS NOT NULL AND u.path LIKE ANY(${unitPathPatterns(actor, 'duty.oversee')}::text[]))
              OR EXISTS (SELECT 1 FROM "DutyAssignment" m WHERE m."rosterId" = ro.id AND m."personId" = ${actor.personId}::uuid AND m."startsAt" < ${dayEnd} AND m."startsAt" > ${new Date(dayStart.getTime() - LONGEST_SHIFT_MS)} AND m."endsAt" > ${dayStart}))
       ORDER BY a."startsAt", a.id
       LIMIT ${take}`
}

/**
 * 今日值班: who is on duty now and today, across the units the actor may see, with phone numbers. Two
 * statements: the actor's units, and the board (boardQuery).
 */
export async function dutyBoard(db: Db, actor: Actor, now: Date, options: { take?: number } = {}) {
  const today = shanghaiDate(now)
  const members = await memberUnitIds(db, actor)
  const rows = await db.$queryRaw<BoardRow[]>(boardQuery(actor, members, now, options.take ?? 500))
  const posts = new Map<string, BoardPost>()
  for (const s of rows) {
    const { startsAt, endsAt } = s
    const entry = posts.get(s.postId) ?? { id: s.postId, name: s.postName, phone: s.postPhone, unit: { id: s.unitId, name: s.unitName }, seats: [] }
    entry.seats.push({
      id: s.id, rosterId: s.rosterId, shift: s.shiftName, role: s.roleName, isLeader: s.isLeader,
      isNow: startsAt <= now && now < endsAt, startsAt, endsAt, signedOnAt: s.signedOnAt, person: { id: s.personId, name: s.personName, phone: s.personPhone },
    })
    posts.set(s.postId, entry)
  }
  for (const p of posts.values()) p.seats.sort((a, b) => Number(b.isNow) - Number(a.isNow) || a.startsAt.getTime() - b.startsAt.getTime() || Number(b.isLeader) - Number(a.isLeader))
  return { date: today, posts: [...posts.values()] }
}

type BoardRow = {
  id: string; startsAt: Date; endsAt: Date; signedOnAt: Date | null; rosterId: string
  personId: string; personName: string; personPhone: string | null
  postId: string; postName: string; postPhone: string | null; unitId: string; unitName: string
  roleName: string; isLeader: boolean; shiftName: string
}

type BoardPost = {
  id: string; name: string; phone: string | null; unit: { id: string; name: string }
  seats: { id: string; rosterId: string; shift: string; role: string; isLeader: boolean; isNow: boolean; startsAt: Date; endsAt: Date; signedOnAt: Date | null; person: { id: string; name: string; phone: string | null } }[]
}

export type DutyBoard = Awaited<ReturnType<typeof dutyBoard>>
