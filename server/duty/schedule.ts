/**
 * Fair automatic scheduling: a pure, deterministic function from seats to people. No database, no clock.
 *
 * Seats are filled in time order, each by the eligible person with the lowest weighted load so far
 * (carried over from earlier periods), among those the hard rules allow:
 *  - not unavailable (trip, training, leave) at any moment of the seat;
 *  - not on another seat that overlaps it (any post, any unit: `fixed` holds the other rosters' seats);
 *  - a rest of `restAfterNightHours` after a night seat before the next one starts (both directions);
 *  - at most `maxConsecutiveDays` duty days in a row (a seat belongs to the day it starts).
 * Ties go to whoever had this kind of seat longest ago (leaders rotate), then to a seeded hash of the id,
 * so the same inputs give the same roster. Locked seats keep their person and count towards the load.
 * A seat nobody may take is reported with the reason that excluded the most candidates.
 */

export type Seat = {
  key: string
  /** The day the seat belongs to (the day it starts), YYYY-MM-DD. */
  date: string
  startsAt: number
  endsAt: number
  /** Weighted load of the seat (settings: nights, weekends and holidays weigh more). */
  weight: number
  isNight: boolean
  /** Seats of the same kind (a role of a pattern) rotate among their people: the role's id. */
  rotation: string
  eligible: readonly string[]
  /** A locked cell: kept as it is. */
  lockedPersonId?: string
}

export type Busy = { personId: string; startsAt: number; endsAt: number }
/** A seat of another roster (or a locked seat): blocks overlap and counts for rest and consecutive days. */
export type FixedSeat = Busy & { date: string; isNight: boolean }

export type History = { load: number; count: number; lastByRotation?: Record<string, number> }

export type ScheduleRules = { restAfterNightHours: number; maxConsecutiveDays: number }

export type ScheduleInput = {
  seats: readonly Seat[]
  unavailable: readonly Busy[]
  fixed: readonly FixedSeat[]
  history: Readonly<Record<string, History>>
  rules: ScheduleRules
  seed?: string
}

export type UnfilledReason = 'no_eligible' | 'unavailable' | 'double_booked' | 'rest' | 'consecutive'

export type ScheduleResult = {
  assignments: Record<string, string | null>
  unfilled: { key: string; reason: UnfilledReason }[]
  /** Per person: seats and weighted load in this period (`load`), and including history (`total`). */
  totals: Record<string, { count: number; nights: number; load: number; total: number }>
}

type Held = { startsAt: number; endsAt: number; date: string; isNight: boolean }

const HOUR = 3_600_000
const DAY = 86_400_000

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY)
}

/** FNV-1a, for a deterministic tie-break that does not favour ids early in the alphabet. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Why `seat` may not go to a person holding `held` and unavailable during `away`; null when it may. */
export function ruleBroken(seat: Pick<Seat, 'startsAt' | 'endsAt' | 'date' | 'isNight'>, held: readonly Held[], away: readonly Busy[], rules: ScheduleRules): UnfilledReason | null {
  if (away.some((b) => b.startsAt < seat.endsAt && seat.startsAt < b.endsAt)) return 'unavailable'
  const rest = rules.restAfterNightHours * HOUR
  let brokenRest = false
  const days = new Set<number>()
  for (const h of held) {
    if (h.startsAt < seat.endsAt && seat.startsAt < h.endsAt) return 'double_booked'
    if (h.isNight && h.endsAt <= seat.startsAt && seat.startsAt < h.endsAt + rest) brokenRest = true
    if (seat.isNight && seat.endsAt <= h.startsAt && h.startsAt < seat.endsAt + rest) brokenRest = true
    days.add(dayNumber(h.date))
  }
  if (brokenRest) return 'rest'
  const day = dayNumber(seat.date)
  if (!days.has(day)) {
    let run = 1
    for (let d = day - 1; days.has(d); d--) run++
    for (let d = day + 1; days.has(d); d++) run++
    if (run > rules.maxConsecutiveDays) return 'consecutive'
  }
  return null
}

export function schedule(input: ScheduleInput): ScheduleResult {
  const seed = input.seed ?? ''
  const held = new Map<string, Held[]>()
  const away = new Map<string, Busy[]>()
  const load = new Map<string, number>()
  const last = new Map<string, Map<string, number>>()
  const totals: ScheduleResult['totals'] = {}
  const people = new Set(input.seats.flatMap((s) => [...s.eligible, ...(s.lockedPersonId ? [s.lockedPersonId] : [])]))

  for (const id of people) {
    const h = input.history[id]
    load.set(id, h?.load ?? 0)
    last.set(id, new Map(Object.entries(h?.lastByRotation ?? {})))
    held.set(id, [])
    away.set(id, [])
    totals[id] = { count: 0, nights: 0, load: 0, total: h?.load ?? 0 }
  }
  for (const f of input.fixed) held.get(f.personId)?.push(f)
  for (const b of input.unavailable) away.get(b.personId)?.push(b)

  const take = (seat: Seat, personId: string) => {
    held.get(personId)!.push(seat)
    load.set(personId, load.get(personId)! + seat.weight)
    last.get(personId)!.set(seat.rotation, seat.startsAt)
    const t = totals[personId]!
    t.count++
    if (seat.isNight) t.nights++
    t.load += seat.weight
    t.total += seat.weight
  }

  const assignments: ScheduleResult['assignments'] = {}
  const ordered = [...input.seats].sort((a, b) => a.startsAt - b.startsAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  for (const seat of ordered) {
    if (seat.lockedPersonId) {
      assignments[seat.key] = seat.lockedPersonId
      take(seat, seat.lockedPersonId)
    }
  }

  const unfilled: ScheduleResult['unfilled'] = []
  for (const seat of ordered) {
    if (seat.lockedPersonId) continue
    let best: string | null = null
    let bestKey: [number, number, number] | null = null
    const reasons = new Map<UnfilledReason, number>()
    for (const id of seat.eligible) {
      const broken = ruleBroken(seat, held.get(id)!, away.get(id)!, input.rules)
      if (broken) {
        reasons.set(broken, (reasons.get(broken) ?? 0) + 1)
        continue
      }
      const key: [number, number, number] = [load.get(id)!, last.get(id)!.get(seat.rotation) ?? -Infinity, hash(`${seed}:${seat.rotation}:${id}`)]
      if (!bestKey || key[0] < bestKey[0] - 1e-9 || (Math.abs(key[0] - bestKey[0]) <= 1e-9 && (key[1] < bestKey[1] || (key[1] === bestKey[1] && (key[2] < bestKey[2] || (key[2] === bestKey[2] && id < best!)))))) {
        best = id
        bestKey = key
      }
    }
    assignments[seat.key] = best
    if (best) take(seat, best)
    else {
      let reason: UnfilledReason = 'no_eligible'
      let most = 0
      for (const [r, n] of reasons) if (n > most) [reason, most] = [r, n]
      unfilled.push({ key: seat.key, reason })
    }
  }
  return { assignments, unfilled, totals }
}
