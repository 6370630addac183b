import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, hours } from '../core/clock.ts'
import { visibleMeetingsWhere } from './policy.ts'

/** Meetings the actor sees, from today on (or past ones), with their own answer. */
export async function listMeetings(db: Db, actor: Actor, options: { past?: boolean } = {}) {
  const now = clock.now()
  const meetings = await db.meeting.findMany({
    where: { AND: [await visibleMeetingsWhere(db, actor), options.past ? { endsAt: { lt: now } } : { endsAt: { gte: new Date(now.getTime() - hours(12)) } }] },
    orderBy: { startsAt: options.past ? 'desc' : 'asc' }, take: 100,
    include: { invitees: { where: { personId: actor.personId }, select: { answer: true } } },
  })
  return meetings.map(({ invitees, ...m }) => ({ ...m, myAnswer: invitees[0]?.answer ?? null }))
}
