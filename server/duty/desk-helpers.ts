import type { Db, Tx } from '../core/db/index.ts'
import { hours, minutes } from '../core/clock.ts'

/** One may sign on from 30 minutes before a shift until it ends. */
export const SIGN_ON_EARLY_MS = minutes(30)

/** The actor's seat on duty at `now` (or starting within 30 minutes), on a published roster. */
export async function currentSeat(db: Db | Tx, personId: string, now: Date) {
  return db.dutyAssignment.findFirst({
    where: { personId, roster: { status: 'PUBLISHED' }, startsAt: { lte: new Date(now.getTime() + SIGN_ON_EARLY_MS) }, endsAt: { gt: now } },
    orderBy: { startsAt: 'asc' },
    include: { roster: { select: { postId: true, post: { select: { name: true, unit: { select: { id: true, name: true, path: true } } } } } } },
  })
}

/** The people on a post's next shift after a seat ends (the seats starting at the first start from then on, within a day). */
export async function nextOfficers(db: Db | Tx, postId: string, after: Date): Promise<string[]> {
  const first = await db.dutyAssignment.findFirst({
    where: { roster: { postId, status: 'PUBLISHED' }, personId: { not: null }, startsAt: { gte: new Date(after.getTime() - hours(1)), lt: new Date(after.getTime() + hours(24)) } },
    orderBy: { startsAt: 'asc' }, select: { startsAt: true },
  })
  if (!first) return []
  const seats = await db.dutyAssignment.findMany({ where: { roster: { postId, status: 'PUBLISHED' }, personId: { not: null }, startsAt: first.startsAt }, select: { personId: true } })
  return [...new Set(seats.map((s) => s.personId!))]
}
