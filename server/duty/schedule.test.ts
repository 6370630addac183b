import { describe, expect, it } from 'vitest'
import { addDays, datesFrom, shanghaiInstant, type OfficialDays } from '../core/clock.ts'
import { packagedCalendar } from './packaged-calendar.ts'
import { ruleBroken, schedule, type Busy, type FixedSeat, type ScheduleInput, type ScheduleResult, type Seat } from './schedule.ts'
import { buildSeats, type PatternSpec } from './seats.ts'
import { defaultDutySettings } from './settings.ts'

/** mulberry32: a seeded random source, so a failing case can be run again by its seed. */
function seeded(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function officialFor(year: number): OfficialDays {
  const days = packagedCalendar().get(year) ?? []
  return { holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)), workdays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.date)) }
}

const day: PatternSpec = { id: 'day', name: '白班', startMinute: 8 * 60 + 30, durationMinutes: 9 * 60, appliesOn: 'OFF_DAYS', roles: [] }
const night: PatternSpec = { id: 'night', name: '夜班', startMinute: 17 * 60 + 30, durationMinutes: 15 * 60, appliesOn: 'ALL', roles: [] }
const full: PatternSpec = { id: 'full', name: '24小时', startMinute: 8 * 60 + 30, durationMinutes: 24 * 60, appliesOn: 'HOLIDAYS', roles: [] }

/** Every rule, checked on the result from scratch (not with the scheduler's own bookkeeping). */
function checkRules(input: ScheduleInput, result: ScheduleResult) {
  const byKey = new Map(input.seats.map((s) => [s.key, s]))
  const held = new Map<string, { startsAt: number; endsAt: number; date: string; isNight: boolean; key?: string }[]>()
  for (const f of input.fixed) held.set(f.personId, [...(held.get(f.personId) ?? []), f])
  for (const [key, personId] of Object.entries(result.assignments)) {
    if (!personId) continue
    const seat = byKey.get(key)!
    held.set(personId, [...(held.get(personId) ?? []), { ...seat, key }])
  }
  const rest = input.rules.restAfterNightHours * 3_600_000
  for (const [key, personId] of Object.entries(result.assignments)) {
    if (!personId) continue
    const seat = byKey.get(key)!
    if (seat.lockedPersonId) {
      expect(personId, 'locked cell kept').toBe(seat.lockedPersonId)
      continue
    }
    expect(seat.eligible, 'eligible').toContain(personId)
    const away = input.unavailable.filter((b) => b.personId === personId)
    expect(away.some((b) => b.startsAt < seat.endsAt && seat.startsAt < b.endsAt), 'no unavailable person').toBe(false)
    const others = held.get(personId)!.filter((h) => h.key !== key)
    expect(others.some((h) => h.startsAt < seat.endsAt && seat.startsAt < h.endsAt), 'no double booking').toBe(false)
    expect(others.some((h) => h.isNight && h.endsAt <= seat.startsAt && seat.startsAt < h.endsAt + rest), 'rest after a night').toBe(false)
  }
  for (const [personId, seats] of held) {
    // A run longer than the rule may only be made of locked and other rosters' days (not ours to change).
    const own = new Set(seats.filter((s) => s.key && !byKey.get(s.key)?.lockedPersonId).map((s) => s.date))
    const given = new Set(seats.filter((s) => !s.key || byKey.get(s.key)?.lockedPersonId).map((s) => s.date))
    const dates = [...new Set(seats.map((s) => s.date))].sort()
    let run: string[] = []
    const close = () => {
      if (run.length > input.rules.maxConsecutiveDays) expect(run.filter((d) => own.has(d) && !given.has(d)), `consecutive days of ${personId}: ${run.join(' ')}`).toEqual([])
    }
    for (const date of dates) {
      if (run.length && addDays(run[run.length - 1]!, 1) !== date) { close(); run = [] }
      run.push(date)
    }
    close()
  }
  // Every fillable seat is filled: each unfilled one breaks a rule for every eligible person.
  const unfilled = new Set(result.unfilled.map((u) => u.key))
  for (const seat of input.seats) {
    if (result.assignments[seat.key]) continue
    expect(unfilled.has(seat.key)).toBe(true)
    for (const id of seat.eligible) {
      const mine = (held.get(id) ?? []).filter((h) => h.key !== seat.key)
      expect(ruleBroken(seat, mine, input.unavailable.filter((b) => b.personId === id), input.rules), `${seat.key} was fillable by ${id}`).not.toBeNull()
    }
  }
}

function randomCase(seed: number): ScheduleInput {
  const random = seeded(seed)
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
  const people = Array.from({ length: 3 + Math.floor(random() * 14) }, (_, i) => `p${String(i).padStart(2, '0')}`)
  const subset = () => people.filter(() => random() < 0.6)
  const year = pick([2024, 2025, 2026])
  const start = `${year}-${pick(['01', '02', '04', '05', '09', '10'])}-${pick(['01', '10', '20'])}`
  const end = addDays(start, 7 + Math.floor(random() * 24))
  const official = officialFor(year)
  const posts = 1 + Math.floor(random() * 3)
  const seats: Seat[] = []
  for (let p = 0; p < posts; p++) {
    const patterns = [day, night, full].filter(() => random() < 0.7).map((pattern) => ({
      ...pattern, id: `${p}-${pattern.id}`,
      roles: [
        { id: `${p}-${pattern.id}-leader`, name: '带班领导', count: 1, isLeader: true, eligible: subset().slice(0, 5) },
        { id: `${p}-${pattern.id}-officer`, name: '值班员', count: 1 + Math.floor(random() * 2), isLeader: false, eligible: subset() },
      ],
    }))
    seats.push(...buildSeats(patterns, start, end, official, defaultDutySettings))
  }
  const unavailable: Busy[] = []
  for (const id of people) {
    if (random() < 0.3) {
      const from = shanghaiInstant(addDays(start, Math.floor(random() * 20)), Math.floor(random() * 1440)).getTime()
      unavailable.push({ personId: id, startsAt: from, endsAt: from + (1 + random() * 5) * 86_400_000 })
    }
  }
  const fixed: FixedSeat[] = []
  for (const id of people) {
    if (random() < 0.2) {
      const date = addDays(start, Math.floor(random() * 10))
      const startsAt = shanghaiInstant(date, 17 * 60 + 30).getTime()
      fixed.push({ personId: id, date, startsAt, endsAt: startsAt + 15 * 3_600_000, isNight: true })
    }
  }
  for (const seat of seats) {
    if (random() < 0.05 && seat.eligible.length) (seat as { lockedPersonId?: string }).lockedPersonId = pick(seat.eligible)
  }
  const history = Object.fromEntries(people.filter(() => random() < 0.5).map((id) => [id, { load: Math.floor(random() * 6), count: 3 }]))
  return { seats, unavailable, fixed, history, rules: { restAfterNightHours: pick([0, 12, 24]), maxConsecutiveDays: pick([1, 2, 3, 5]) }, seed: String(seed) }
}

describe('schedule (properties over seeded random inputs)', () => {
  it('200 random cases: nobody unavailable or double-booked, rest and consecutive days hold, every fillable seat filled, locked cells kept', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const input = randomCase(seed)
      const result = schedule(input)
      try {
        checkRules(input, result)
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}`)
      }
    }
  })

  it('is deterministic: the same inputs give the same roster', () => {
    for (let seed = 1; seed <= 20; seed++) expect(schedule(randomCase(seed))).toEqual(schedule(randomCase(seed)))
  })

  it('balances the weighted load: with everyone available, the spread stays within the heaviest seat', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = seeded(seed * 7919)
      const people = Array.from({ length: 4 + Math.floor(random() * 12) }, (_, i) => `q${i}`)
      const year = 2026
      const pattern: PatternSpec = { ...night, roles: [{ id: 'officer', name: '值班员', count: 1, isLeader: false, eligible: people }] }
      const dayShift: PatternSpec = { ...day, roles: [{ id: 'officer-day', name: '值班员', count: 1, isLeader: false, eligible: people }] }
      const seats = buildSeats([pattern, dayShift], '2026-01-01', '2026-03-31', officialFor(year), defaultDutySettings)
      const result = schedule({ seats, unavailable: [], fixed: [], history: {}, rules: { restAfterNightHours: 12, maxConsecutiveDays: 3 }, seed: String(seed) })
      expect(result.unfilled).toEqual([])
      const loads = people.map((id) => result.totals[id]!.load)
      const heaviest = Math.max(...seats.map((s) => s.weight))
      expect(Math.max(...loads) - Math.min(...loads), `seed ${seed}: ${loads.join(' ')}`).toBeLessThanOrEqual(2 * heaviest)
    }
  })

  it('rotates leaders among the eligible leaders', () => {
    const leaders = ['l1', 'l2', 'l3', 'l4']
    const pattern: PatternSpec = { ...night, roles: [{ id: 'leader', name: '带班领导', count: 1, isLeader: true, eligible: leaders }] }
    const seats = buildSeats([pattern], '2026-03-02', '2026-03-13', officialFor(2026), defaultDutySettings).filter((s) => s.dayKind === 'workday')
    const result = schedule({ seats, unavailable: [], fixed: [], history: {}, rules: { restAfterNightHours: 0, maxConsecutiveDays: 5 } })
    const order = seats.map((s) => result.assignments[s.key])
    // Workday nights weigh alike, so the leaders take turns: every run of four has each of them once.
    for (let i = 0; i + 4 <= order.length; i += 4) expect(new Set(order.slice(i, i + 4)).size).toBe(4)
  })

  it('says why a seat cannot be filled', () => {
    const pattern: PatternSpec = { ...full, appliesOn: 'ALL', roles: [{ id: 'officer', name: '值班员', count: 1, isLeader: false, eligible: ['a', 'b'] }, { id: 'driver', name: '驾驶员', count: 1, isLeader: false, eligible: [] }] }
    const seats = buildSeats([pattern], '2026-03-02', '2026-03-04', officialFor(2026), defaultDutySettings)
    const result = schedule({
      seats, fixed: [], history: {}, rules: { restAfterNightHours: 24, maxConsecutiveDays: 3 },
      unavailable: [{ personId: 'b', startsAt: shanghaiInstant('2026-03-01').getTime(), endsAt: shanghaiInstant('2026-03-10').getTime() }],
    })
    const reasons = Object.fromEntries(result.unfilled.map((u) => [u.key, u.reason]))
    expect(reasons['full|driver|2026-03-02|0']).toBe('no_eligible')
    expect(result.assignments['full|officer|2026-03-02|0']).toBe('a')
    // a is resting after the 24-hour shift; b is away.
    expect(reasons['full|officer|2026-03-03|0']).toMatch(/rest|unavailable/)
  })
})

describe('schedule on the official calendar of 2026', () => {
  const official = officialFor(2026)
  const people = Array.from({ length: 12 }, (_, i) => `o${i}`)
  const leaders = ['L1', 'L2', 'L3', 'L4', 'L5']
  const patterns: PatternSpec[] = [
    { ...day, roles: [{ id: 'day-leader', name: '带班领导', count: 1, isLeader: true, eligible: leaders }, { id: 'day-officer', name: '值班员', count: 1, isLeader: false, eligible: people }] },
    { ...night, roles: [{ id: 'night-leader', name: '带班领导', count: 1, isLeader: true, eligible: leaders }, { id: 'night-officer', name: '值班员', count: 2, isLeader: false, eligible: people }] },
  ]
  const dayShifts = (seats: ReturnType<typeof buildSeats>) => new Set(seats.filter((s) => s.patternId === 'day').map((s) => s.date))

  it('Spring Festival: 02-15…02-23 off (day shifts), 02-14 and 02-28 worked (night only)', () => {
    const seats = buildSeats(patterns, '2026-02-09', '2026-03-01', official, defaultDutySettings)
    const days = dayShifts(seats)
    for (const date of datesFrom('2026-02-15', '2026-02-23')) expect(days.has(date), date).toBe(true)
    expect(days.has('2026-02-14')).toBe(false) // Saturday worked (调休)
    expect(days.has('2026-02-28')).toBe(false)
    expect(days.has('2026-02-13')).toBe(false) // a plain Friday
    expect(days.has('2026-03-01')).toBe(true) // a plain Sunday
    const weightOf = (date: string) => seats.find((s) => s.key === `night|night-officer|${date}|0`)!.weight
    expect(weightOf('2026-02-17')).toBe(3) // holiday 2 × night 1.5
    expect(weightOf('2026-02-14')).toBe(1.5) // a working night
    const result = schedule({ seats, unavailable: [], fixed: [], history: {}, rules: { restAfterNightHours: 24, maxConsecutiveDays: 3 } })
    expect(result.unfilled).toEqual([])
  })

  it('National Day: 10-01…10-07 off, 09-20 and 10-10 worked; who had Spring Festival gets less of it', () => {
    const seats = buildSeats(patterns, '2026-09-19', '2026-10-11', official, defaultDutySettings)
    const days = dayShifts(seats)
    for (const date of datesFrom('2026-10-01', '2026-10-07')) expect(days.has(date), date).toBe(true)
    expect(days.has('2026-09-20')).toBe(false) // Sunday worked
    expect(days.has('2026-10-10')).toBe(false) // Saturday worked
    expect(days.has('2026-09-19')).toBe(true)

    // Carry over: o0–o3 had a heavy Spring Festival.
    const spring = schedule({ seats: buildSeats(patterns, '2026-02-15', '2026-02-23', official, defaultDutySettings), unavailable: [], fixed: [], history: {}, rules: { restAfterNightHours: 24, maxConsecutiveDays: 3 } })
    const history = Object.fromEntries(Object.entries(spring.totals).map(([id, t]) => [id, { load: t.load, count: t.count }]))
    const holidaySeats = seats.filter((s) => s.date >= '2026-10-01' && s.date <= '2026-10-07')
    const autumn = schedule({ seats: holidaySeats, unavailable: [], fixed: [], history, rules: { restAfterNightHours: 24, maxConsecutiveDays: 3 } })
    expect(autumn.unfilled).toEqual([])
    // Over both holidays, the officers' totals end up within two heavy seats of each other.
    const totals = people.map((id) => autumn.totals[id]!.total)
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(2 * 3)
    const heavySpring = people.filter((id) => (spring.totals[id]?.load ?? 0) >= Math.max(...people.map((p) => spring.totals[p]!.load)))
    for (const id of heavySpring) expect(autumn.totals[id]!.load).toBeLessThanOrEqual(Math.min(...people.map((p) => autumn.totals[p]!.load)) + 3)
  })
})
