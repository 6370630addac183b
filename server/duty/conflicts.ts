import type { Db, Tx } from '../core/db/index.ts'
import { ruleBroken, type UnfilledReason } from './schedule.ts'
import { isNightShift } from './seats.ts'
import { dutySettingsFor } from './settings.ts'
import { shanghaiInstant } from '../core/clock.ts'

export type Conflict = UnfilledReason | 'not_eligible'

type Cell = { id: string; rosterId: string; roleId: string; date: string; startsAt: Date; endsAt: Date; personId: string | null }

const nightOf = (c: { date: string; startsAt: Date; endsAt: Date }) =>
  isNightShift({ startMinute: (c.startsAt.getTime() - shanghaiInstant(c.date).getTime()) / 60_000, durationMinutes: (c.endsAt.getTime() - c.startsAt.getTime()) / 60_000 })

/**
 * The rules each filled cell breaks, checked against everything else its person holds (every roster) and
 * their unavailability: what a hand edit or a swap may have caused. Shown, never silently dropped.
 */
export async function conflictsOf(db: Db | Tx, cells: readonly Cell[], unit: { path: string }): Promise<Map<string, Conflict[]>> {
  const filled = cells.filter((c) => c.personId)
  const out = new Map<string, Conflict[]>()
  if (!filled.length) return out
  const settings = await dutySettingsFor(db, unit)
  const personIds = [...new Set(filled.map((c) => c.personId!))]
  const from = new Date(Math.min(...filled.map((c) => c.startsAt.getTime())) - 40 * 86_400_000)
  const to = new Date(Math.max(...filled.map((c) => c.endsAt.getTime())) + 40 * 86_400_000)
  const [held, away, eligible] = await Promise.all([
    db.dutyAssignment.findMany({ where: { personId: { in: personIds }, startsAt: { lt: to }, endsAt: { gt: from } }, select: { id: true, personId: true, date: true, startsAt: true, endsAt: true } }),
    db.dutyUnavailability.findMany({ where: { personId: { in: personIds }, startsAt: { lt: to }, endsAt: { gt: from } }, select: { personId: true, startsAt: true, endsAt: true } }),
    db.dutyEligibility.findMany({ where: { personId: { in: personIds }, roleId: { in: [...new Set(filled.map((c) => c.roleId))] } }, select: { personId: true, roleId: true } }),
  ])
  const may = new Set(eligible.map((e) => `${e.roleId}|${e.personId}`))
  for (const cell of filled) {
    const found: Conflict[] = []
    if (!may.has(`${cell.roleId}|${cell.personId}`)) found.push('not_eligible')
    const mine = held.filter((h) => h.personId === cell.personId && h.id !== cell.id).map((h) => ({ date: h.date, startsAt: h.startsAt.getTime(), endsAt: h.endsAt.getTime(), isNight: nightOf(h) }))
    const gone = away.filter((a) => a.personId === cell.personId).map((a) => ({ personId: a.personId, startsAt: a.startsAt.getTime(), endsAt: a.endsAt.getTime() }))
    const broken = ruleBroken({ date: cell.date, startsAt: cell.startsAt.getTime(), endsAt: cell.endsAt.getTime(), isNight: nightOf(cell) }, mine, gone, settings)
    if (broken) found.push(broken)
    if (found.length) out.set(cell.id, found)
  }
  return out
}
