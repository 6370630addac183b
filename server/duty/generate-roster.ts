import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock, yearOf } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { officialDaysFor } from './calendar.ts'
import { lockRosterForManager } from './lock-roster.ts'
import { loadPatterns, surroundings } from './roster-inputs.ts'
import { schedule } from './schedule.ts'
import { buildSeats, seatKey } from './seats.ts'
import { dutySettingsFor } from './settings.ts'

/**
 * Fill a draft roster automatically (server/duty/schedule.ts): every seat the calendar needs, by the
 * rules and the fairness balance; locked cells stay as they are; seats nobody may take are kept empty
 * and listed with why. Running it again gives the same result for the same inputs.
 */
export async function generateRoster(db: Db, actor: Actor, rosterId: string, revision: number, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const roster = await lockRosterForManager(tx, actor, rosterId, revision)
    if (roster.status !== 'DRAFT') throw new AppError('duty.roster_published')
    const { seats, locked, unfilled } = await fillRoster(tx, roster)
    const updated = await tx.dutyRoster.update({ where: { id: rosterId }, data: { generatedAt: clock.now(), revision: { increment: 1 } } })
    await recordAudit(tx, {
      actor, action: 'duty.roster_generate', objectType: 'DutyRoster', objectId: rosterId,
      details: { post: roster.post.name, from: roster.startDate, to: roster.endDate, seats, locked, unfilled: unfilled.length }, context,
    })
    return { id: rosterId, revision: updated.revision, seats, unfilled }
  }, { timeout: 60_000 })
}

/**
 * The scheduling itself, inside the caller's transaction (the roster row locked): seats from the
 * calendar, locked cells kept, the rest filled; `unfilled` stored on the roster. Used by generateRoster
 * and by the demo seed.
 */
export async function fillRoster(tx: Tx, roster: { id: string; postId: string; startDate: string; endDate: string }) {
  const rosterId = roster.id
  const post = await tx.dutyPost.findUniqueOrThrow({ where: { id: roster.postId }, select: { unit: { select: { path: true } } } })
  const settings = await dutySettingsFor(tx, post.unit)
  const official = await officialDaysFor(tx, [yearOf(roster.startDate), yearOf(roster.endDate)])
  const patterns = await loadPatterns(tx, roster.postId)
  const seats = buildSeats(patterns, roster.startDate, roster.endDate, official, settings)
  const existing = await tx.dutyAssignment.findMany({ where: { rosterId, isLocked: true } })
  const locked = new Map(existing.map((a) => [seatKey(a.patternId, a.roleId, a.date, a.slot), a]))
  const open = seats.filter((s) => !locked.has(s.key) || locked.get(s.key)!.personId)
  for (const seat of open) {
    const personId = locked.get(seat.key)?.personId
    if (personId) Object.assign(seat, { lockedPersonId: personId })
  }
  const people = new Set(open.flatMap((s) => [...s.eligible, ...(s.lockedPersonId ? [s.lockedPersonId] : [])]))
  const around = await surroundings(tx, rosterId, [...people], roster.startDate, roster.endDate, settings)
  const result = schedule({ seats: open, ...around, rules: settings, seed: roster.postId })

  await tx.dutyAssignment.deleteMany({ where: { rosterId, isLocked: false } })
  const fresh = open.filter((s) => !locked.has(s.key))
  await tx.dutyAssignment.createMany({
    data: fresh.map((s) => ({ rosterId, patternId: s.patternId, roleId: s.roleId, date: s.date, slot: s.slot, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), weight: s.weight, personId: result.assignments[s.key] ?? null })),
  })
  const byKey = new Map(seats.map((s) => [s.key, s]))
  const unfilled = result.unfilled.map((u) => ({ ...u, date: byKey.get(u.key)!.date, patternId: byKey.get(u.key)!.patternId, roleId: byKey.get(u.key)!.roleId }))
  await tx.dutyRoster.update({ where: { id: rosterId }, data: { unfilled } })
  return { seats: seats.length, locked: locked.size, unfilled }
}
