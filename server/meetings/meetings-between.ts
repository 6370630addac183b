import type { Db } from '../core/db/index.ts'

const LONGEST_MEETING_MS = 7 * 86_400_000

const fields = { id: true, title: true, startsAt: true, endsAt: true, recurrence: true, location: true, icsUid: true } as const

/**
 * The meetings a person is in (organiser, chair or invitee who has not declined) that may fall in
 * [from, to): single meetings overlapping it, and series (`recurrence`) that began before `to` — the
 * caller expands those. Two ranged reads — the invitee's rows (personId index), and meetings the person
 * organises or chairs — instead of one OR across both, which the planner answered by walking the
 * meetings' start index and probing invitees for each.
 */
export async function meetingsBetween(db: Db, personId: string, from: Date, to: Date) {
  // A single meeting lasts less than a week (LONGEST_MEETING_MS), so its start bounds the read below as well as above.
  const inRange = { status: 'SCHEDULED' as const, OR: [{ recurrence: null, startsAt: { gte: new Date(from.getTime() - LONGEST_MEETING_MS), lt: to }, endsAt: { gt: from } }, { recurrence: { not: null }, startsAt: { lt: to } }] }
  const [invited, own] = await Promise.all([
    db.meetingInvitee.findMany({ where: { personId, answer: { not: 'DECLINE' }, meeting: inRange }, select: { meeting: { select: fields } }, take: 200 }),
    db.meeting.findMany({ where: { ...inRange, AND: [{ OR: [{ organiserId: personId }, { chairId: personId }] }] }, select: fields, orderBy: { startsAt: 'asc' }, take: 200 }),
  ])
  const byId = new Map([...invited.map((i) => i.meeting), ...own].map((m) => [m.id, m]))
  return [...byId.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, 200)
}
