import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { hours } from '../core/clock.ts'
import { currentSeat, nextOfficers } from './desk-helpers.ts'

type Item = { text: string; isOpen: boolean }

/**
 * 值班台: the actor's seat now (or within 30 minutes), the post's log for the last day, the handover left
 * for this shift (to acknowledge) and the open items to carry into the next one.
 */
export async function dutyDesk(db: Db, actor: Actor, now: Date) {
  const seat = await currentSeat(db, actor.personId, now)
  if (!seat) return null
  const postId = seat.roster.postId
  const [log, incoming, mine, role] = await Promise.all([
    db.dutyLogEntry.findMany({ where: { postId, at: { gte: new Date(now.getTime() - hours(24)) } }, orderBy: { at: 'desc' }, take: 100 }),
    db.dutyHandover.findFirst({ where: { postId, createdAt: { lte: now, gte: new Date(seat.startsAt.getTime() - hours(24)) }, fromAssignmentId: { not: seat.id } }, orderBy: { createdAt: 'desc' } }),
    db.dutyHandover.findFirst({ where: { fromAssignmentId: seat.id }, orderBy: { createdAt: 'desc' } }),
    db.dutyShiftRole.findUnique({ where: { id: seat.roleId }, select: { name: true, pattern: { select: { name: true } } } }),
  ])
  const people = await db.person.findMany({ where: { id: { in: [...new Set([...log.map((l) => l.authorId), ...(incoming ? [incoming.authorId] : [])])] } }, select: { id: true, name: true } })
  const name = new Map(people.map((p) => [p.id, p.name]))
  // The incoming handover is for me if I am on the shift after the one that wrote it.
  let incomingForMe = false
  if (incoming) {
    const from = await db.dutyAssignment.findUnique({ where: { id: incoming.fromAssignmentId }, select: { endsAt: true } })
    incomingForMe = !!from && (await nextOfficers(db, postId, from.endsAt)).includes(actor.personId)
  }
  const carried = ((incoming?.items as Item[] | undefined) ?? []).filter((i) => i.isOpen)
  return {
    seat: { id: seat.id, startsAt: seat.startsAt, endsAt: seat.endsAt, signedOnAt: seat.signedOnAt, post: seat.roster.post.name, unit: seat.roster.post.unit.name, shift: role?.pattern.name ?? '', role: role?.name ?? '' },
    log: log.map((l) => ({ id: l.id, kind: l.kind, at: l.at, text: l.text, author: name.get(l.authorId) ?? '' })),
    incoming: incoming && incomingForMe ? { id: incoming.id, note: incoming.note, items: incoming.items as Item[], author: name.get(incoming.authorId) ?? '', createdAt: incoming.createdAt, acknowledgedAt: incoming.acknowledgedAt } : null,
    written: mine ? { id: mine.id, note: mine.note, items: mine.items as Item[], acknowledgedAt: mine.acknowledgedAt } : null,
    carried,
  }
}

export type DutyDesk = NonNullable<Awaited<ReturnType<typeof dutyDesk>>>
