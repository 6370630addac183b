import type { Db, Tx } from '../core/db/index.ts'
import { addDays, shanghaiInstant, days as dayMs } from '../core/clock.ts'
import type { Busy, FixedSeat, History } from './schedule.ts'
import { isNightShift, type PatternSpec } from './seats.ts'
import type { DutySettings } from './settings.ts'

/** A post's patterns with their roles and eligible people, as the scheduler reads them. */
export async function loadPatterns(db: Db | Tx, postId: string): Promise<PatternSpec[]> {
  const patterns = await db.dutyShiftPattern.findMany({
    where: { postId }, orderBy: { sortOrder: 'asc' },
    include: { roles: { orderBy: { sortOrder: 'asc' }, include: { eligible: { where: { person: { isActive: true } }, select: { personId: true }, orderBy: { personId: 'asc' } } } } },
  })
  return patterns.map((p) => ({
    id: p.id, name: p.name, startMinute: p.startMinute, durationMinutes: p.durationMinutes, appliesOn: p.appliesOn,
    roles: p.roles.map((r) => ({ id: r.id, name: r.name, count: r.count, isLeader: r.isLeader, eligible: r.eligible.map((e) => e.personId) })),
  }))
}

/**
 * What the scheduler must respect around a period, for these people: their unavailability, their seats
 * on other rosters (any unit: no double booking, and rest and consecutive days across rosters), and the
 * weighted load they carried over the settings' history window before the period.
 */
export async function surroundings(db: Db | Tx, rosterId: string, personIds: readonly string[], start: string, end: string, settings: DutySettings) {
  const margin = settings.maxConsecutiveDays + 2
  const from = shanghaiInstant(addDays(start, -margin))
  const to = shanghaiInstant(addDays(end, margin + 1))
  const ids = [...personIds]
  const [away, others, past] = await Promise.all([
    db.dutyUnavailability.findMany({ where: { personId: { in: ids }, startsAt: { lt: to }, endsAt: { gt: from } }, select: { personId: true, startsAt: true, endsAt: true } }),
    db.dutyAssignment.findMany({
      where: { personId: { in: ids }, rosterId: { not: rosterId }, startsAt: { lt: to }, endsAt: { gt: from } },
      select: { personId: true, startsAt: true, endsAt: true, date: true },
    }),
    db.dutyAssignment.groupBy({
      by: ['personId', 'roleId'],
      where: { personId: { in: ids }, rosterId: { not: rosterId }, endsAt: { lte: shanghaiInstant(start), gt: new Date(shanghaiInstant(start).getTime() - dayMs(settings.historyDays)) } },
      _sum: { weight: true }, _count: { _all: true }, _max: { startsAt: true },
    }),
  ])
  const unavailable: Busy[] = away.map((a) => ({ personId: a.personId, startsAt: a.startsAt.getTime(), endsAt: a.endsAt.getTime() }))
  const fixed: FixedSeat[] = others.map((o) => ({
    personId: o.personId!, startsAt: o.startsAt.getTime(), endsAt: o.endsAt.getTime(), date: o.date,
    isNight: isNightShift({ startMinute: (o.startsAt.getTime() - shanghaiInstant(o.date).getTime()) / 60_000, durationMinutes: (o.endsAt.getTime() - o.startsAt.getTime()) / 60_000 }),
  }))
  const history: Record<string, History> = {}
  for (const row of past) {
    const h = (history[row.personId!] ??= { load: 0, count: 0, lastByRotation: {} })
    h.load += row._sum.weight ?? 0
    h.count += row._count._all
    if (row._max.startsAt) h.lastByRotation![row.roleId] = row._max.startsAt.getTime()
  }
  return { unavailable, fixed, history }
}
