import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { dayKindOf, datesFrom, yearOf } from '../core/clock.ts'
import { conflictsOf, type Conflict } from './conflicts.ts'
import { officialDaysFor } from './calendar.ts'
import { dutyPolicy, memberUnitIds } from './policy.ts'
import { surroundings } from './roster-inputs.ts'
import { dutySettingsFor } from './settings.ts'

/**
 * A roster as its page shows it: the grid (dates down, shifts and roles across), each cell's person and
 * conflicts, and the explanation — per person, seats, nights, weekend and holiday seats, weighted load in
 * this period and carried over from the history window.
 */
export async function rosterDetail(db: Db, actor: Actor, rosterId: string) {
  const roster = await db.dutyRoster.findFirst({
    where: { AND: [{ id: rosterId }, dutyPolicy.rosterVisibleWhere(actor, await memberUnitIds(db, actor))] },
    include: {
      post: { include: { unit: { select: { id: true, name: true, path: true } }, shifts: { orderBy: { sortOrder: 'asc' }, include: { roles: { orderBy: { sortOrder: 'asc' } } } } } },
      assignments: { include: { person: { select: { id: true, name: true, phone: true } } }, orderBy: [{ startsAt: 'asc' }, { slot: 'asc' }] },
    },
  })
  if (!roster) throw notFound()
  const mayManage = dutyPolicy.mayManageUnit(actor, roster.post.unit)
  const official = await officialDaysFor(db, [yearOf(roster.startDate), yearOf(roster.endDate)]).catch(() => ({ holidays: new Set<string>(), workdays: new Set<string>() }))
  const conflicts: Map<string, Conflict[]> = mayManage ? await conflictsOf(db, roster.assignments, roster.post.unit) : new Map()

  const days = datesFrom(roster.startDate, roster.endDate).map((date) => ({
    date, kind: dayKindOf(date, official),
    cells: roster.assignments.filter((a) => a.date === date).map((a) => ({
      id: a.id, patternId: a.patternId, roleId: a.roleId, slot: a.slot, startsAt: a.startsAt, endsAt: a.endsAt, weight: a.weight, isLocked: a.isLocked,
      person: a.person, conflicts: conflicts.get(a.id) ?? [],
    })),
  }))

  const people = new Map<string, { id: string; name: string; phone: string | null; count: number; nights: number; weekends: number; holidays: number; load: number; carried: number }>()
  const kindOf = new Map(days.map((d) => [d.date, d.kind]))
  for (const a of roster.assignments) {
    if (!a.person) continue
    const row = people.get(a.person.id) ?? { ...a.person, count: 0, nights: 0, weekends: 0, holidays: 0, load: 0, carried: 0 }
    row.count++
    const pattern = roster.post.shifts.find((s) => s.id === a.patternId)
    if (pattern && pattern.startMinute + pattern.durationMinutes > 24 * 60) row.nights++
    if (kindOf.get(a.date) === 'weekend') row.weekends++
    if (kindOf.get(a.date) === 'holiday') row.holidays++
    row.load = Math.round((row.load + a.weight) * 100) / 100
    people.set(a.person.id, row)
  }
  if (mayManage && people.size) {
    const { history } = await surroundings(db, roster.id, [...people.keys()], roster.startDate, roster.endDate, await dutySettingsFor(db, roster.post.unit))
    for (const [id, row] of people) row.carried = Math.round((history[id]?.load ?? 0) * 100) / 100
  }
  const unfilled = (roster.unfilled as { key: string; reason: string; date: string; patternId: string; roleId: string }[]) ?? []
  return {
    id: roster.id, revision: roster.revision, status: roster.status, startDate: roster.startDate, endDate: roster.endDate,
    generatedAt: roster.generatedAt, publishedAt: roster.publishedAt, filedAt: roster.filedAt,
    post: { id: roster.post.id, name: roster.post.name, phone: roster.post.phone, unit: roster.post.unit },
    patterns: roster.post.shifts.map((s) => ({ id: s.id, name: s.name, startMinute: s.startMinute, durationMinutes: s.durationMinutes, roles: s.roles.map((r) => ({ id: r.id, name: r.name, count: r.count, isLeader: r.isLeader })) })),
    days, people: [...people.values()].sort((a, b) => b.load - a.load || a.name.localeCompare(b.name, 'zh')), unfilled, mayManage,
  }
}

export type RosterDetail = Awaited<ReturnType<typeof rosterDetail>>
