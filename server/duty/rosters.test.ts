import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import {
  createRoster, dutyBoard, editAssignment, ensureOfficialCalendar, fileRoster, generateRoster, listRosters, publishRoster,
  rosterDetail, saveCalendarYear, savePost, stateUnavailability,
} from './index.ts'

const context = buildContext()

beforeAll(async () => {
  await ensureOfficialCalendar(db())
})

/** A unit with a duty manager, five leaders and eight officers, and a post with day and night shifts. */
async function setup(options: { officers?: number } = {}) {
  const tree = await buildTree()
  const manager = await buildPerson({ unit: tree.dept, name: '值班管理员', grants: [{ permissions: ['duty.manage'], unit: tree.dept }] })
  const leaders = await Promise.all(Array.from({ length: 5 }, (_, i) => buildPerson({ unit: tree.dept, name: `领导${i}`, leaderRank: 'DEPUTY' })))
  const officers = await Promise.all(Array.from({ length: options.officers ?? 8 }, (_, i) => buildPerson({ unit: tree.division, name: `值班员${i}` })))
  const actor = await actorFor(manager)
  const post = await savePost(db(), actor, {
    unitId: tree.dept.id, name: '总值班', phone: '12345',
    patterns: [
      { name: '白班', startMinute: 510, durationMinutes: 540, appliesOn: 'OFF_DAYS', roles: [{ name: '带班领导', count: 1, isLeader: true, eligible: leaders.map((p) => p.id) }, { name: '值班员', count: 1, eligible: officers.map((p) => p.id) }] },
      { name: '夜班', startMinute: 1050, durationMinutes: 900, appliesOn: 'ALL', roles: [{ name: '带班领导', count: 1, isLeader: true, eligible: leaders.map((p) => p.id) }, { name: '值班员', count: 1, eligible: officers.map((p) => p.id) }] },
    ],
  }, context)
  return { tree, manager, actor, leaders, officers, post }
}

async function generated(actor: Awaited<ReturnType<typeof actorFor>>, postId: string, startDate: string, endDate: string) {
  const { id } = await createRoster(db(), actor, { postId, startDate, endDate }, context)
  const result = await generateRoster(db(), actor, id, 0, context)
  return { ...result, id }
}

describe('the official calendar', () => {
  it('is seeded from chinese-days for 2004–2026, refuses a roster for 2027 until the year is entered, and then uses it', async () => {
    expect(await db().dutyCalendarDay.findUnique({ where: { date: '2026-02-14' } })).toMatchObject({ kind: 'WORKDAY', name: '春节' })
    expect(await db().dutyCalendarDay.findUnique({ where: { date: '2026-10-07' } })).toMatchObject({ kind: 'HOLIDAY', name: '国庆节' })
    const { actor, post, tree } = await setup()
    await expectAppError(createRoster(db(), actor, { postId: post.id, startDate: '2027-01-25', endDate: '2027-02-20' }, context), 'duty.no_calendar')
    await expectAppError(createRoster(db(), actor, { postId: post.id, startDate: '2026-12-20', endDate: '2027-01-05' }, context), 'duty.no_calendar')

    // Only a platform-wide calendar.manage holder may enter it.
    await expectAppError(saveCalendarYear(db(), actor, { year: 2027, days: [] }, context), 'forbidden')
    const admin = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['calendar.manage'], unit: tree.root }] }))
    await expectAppError(saveCalendarYear(db(), admin, { year: 2027, days: [{ date: '2026-02-11', kind: 'HOLIDAY', name: '春节' }] }, context), 'duty.calendar_wrong_year')
    // A pretend 2027 notice: 02-06 (Saturday) worked, 02-10…02-16 off.
    await saveCalendarYear(db(), admin, {
      year: 2027, notice: '国办发明电〔2026〕X号',
      days: [{ date: '2027-02-06', kind: 'WORKDAY', name: '春节' }, ...['10', '11', '12', '13', '14', '15', '16'].map((d) => ({ date: `2027-02-${d}`, kind: 'HOLIDAY' as const, name: '春节' }))],
    }, context)
    const roster = await generated(actor, post.id, '2027-02-05', '2027-02-17')
    const detail = await rosterDetail(db(), actor, roster.id)
    const dayShift = detail.patterns.find((p) => p.name === '白班')!.id
    const withDayShift = detail.days.filter((d) => d.cells.some((c) => c.patternId === dayShift)).map((d) => d.date)
    expect(withDayShift).toEqual(['2027-02-07', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14', '2027-02-15', '2027-02-16'])
    expect(detail.days.find((d) => d.date === '2027-02-06')!.kind).toBe('workday')
  })
})

describe('rosters', () => {
  it('generates a month with every seat filled, explains it per person, keeps locked cells on a re-run, and is deterministic', async () => {
    const { actor, post, officers } = await setup()
    const roster = await generated(actor, post.id, '2026-10-01', '2026-10-31')
    expect(roster.unfilled).toEqual([])
    const detail = await rosterDetail(db(), actor, roster.id)
    const cells = detail.days.flatMap((d) => d.cells)
    expect(cells.every((c) => c.person)).toBe(true)
    expect(detail.people.reduce((n, p) => n + p.count, 0)).toBe(cells.length)
    const officerLoads = detail.people.filter((p) => officers.some((o) => o.id === p.id)).map((p) => p.load)
    expect(Math.max(...officerLoads) - Math.min(...officerLoads)).toBeLessThanOrEqual(6)

    // Lock one cell on someone else, re-run: it stays; the rest comes out the same as before for the same inputs.
    const cell = cells.find((c) => c.person!.id !== officers[0]!.id && detail.patterns.find((p) => p.id === c.patternId)!.roles.find((r) => r.id === c.roleId)!.name === '值班员')!
    const edit = await editAssignment(db(), actor, cell.id, { revision: detail.revision, personId: officers[0]!.id, isLocked: true }, context)
    const again = await generateRoster(db(), actor, roster.id, edit.revision, context)
    const after = await rosterDetail(db(), actor, roster.id)
    expect(after.days.flatMap((d) => d.cells).find((c) => c.id === cell.id)!.person!.id).toBe(officers[0]!.id)
    expect(again.unfilled).toEqual([])
    const once = (await rosterDetail(db(), actor, roster.id)).days.flatMap((d) => d.cells.map((c) => `${c.patternId}|${c.roleId}|${d.date}|${c.person?.id}`))
    await generateRoster(db(), actor, roster.id, again.revision, context)
    const twice = (await rosterDetail(db(), actor, roster.id)).days.flatMap((d) => d.cells.map((c) => `${c.patternId}|${c.roleId}|${d.date}|${c.person?.id}`))
    expect(twice).toEqual(once)
    await expectAppError(generateRoster(db(), actor, roster.id, 0, context), 'duty.stale')
  })

  it('never schedules an unavailable person, nor one already on another unit’s duty at the time', async () => {
    const { actor, post, officers, tree } = await setup({ officers: 4 })
    await stateUnavailability(db(), actor, { personId: officers[0]!.id, startDate: '2026-11-01', endDate: '2026-11-30', reason: 'BUSINESS_TRIP' }, context)
    // officers[1] also has a post in the sibling unit and is on its duty every night.
    await db().post.create({ data: { personId: officers[1]!.id, unitId: tree.sibling.id, title: '科员' } })
    const otherManager = await actorFor(await buildPerson({ unit: tree.sibling, grants: [{ permissions: ['duty.manage'], unit: tree.sibling }] }))
    const other = await savePost(db(), otherManager, { unitId: tree.sibling.id, name: '局值班', patterns: [{ name: '夜班', startMinute: 1050, durationMinutes: 900, roles: [{ name: '值班员', count: 1, eligible: [officers[1]!.id] }] }] }, context)
    const nights = await generated(otherManager, other.id, '2026-11-01', '2026-11-30')
    expect(nights.unfilled.length).toBeGreaterThan(0) // one person cannot take every night (rest, consecutive days)
    const busy = await db().dutyAssignment.findMany({ where: { rosterId: nights.id, personId: officers[1]!.id } })

    const roster = await generated(actor, post.id, '2026-11-01', '2026-11-30')
    const mine = await db().dutyAssignment.findMany({ where: { rosterId: roster.id } })
    expect(mine.some((a) => a.personId === officers[0]!.id)).toBe(false)
    for (const a of mine.filter((m) => m.personId === officers[1]!.id)) {
      expect(busy.some((b) => b.startsAt < a.endsAt && a.startsAt < b.endsAt)).toBe(false)
    }
    // Too few officers for every night: the unfilled seats are listed with why.
    for (const u of roster.unfilled) expect(['rest', 'consecutive', 'double_booked', 'unavailable']).toContain(u.reason)
  })

  it('publishing tells everyone on it once (inbox and mail); members see it, outsiders do not; 报备 shows it to the upper office only', async () => {
    const { actor, post, officers, leaders, tree } = await setup()
    const roster = await generated(actor, post.id, '2026-12-01', '2026-12-31')
    const member = await actorFor(officers[0]!)
    const outsider = await actorFor(await buildPerson({ unit: (await buildTree()).dept }))
    const upper = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['duty.oversee'], unit: tree.root }] }))
    // A draft is the manager's only.
    await expectAppError(rosterDetail(db(), member, roster.id), 'not_found')
    await expectAppError(publishRoster(db(), member, roster.id, roster.revision, context), 'not_found')

    await db().person.updateMany({ where: { id: { in: [...officers, ...leaders].map((p) => p.id) } }, data: { email: 'duty@example.test' } })
    const published = await publishRoster(db(), actor, roster.id, roster.revision, context)
    const onIt = new Set((await db().dutyAssignment.findMany({ where: { rosterId: roster.id } })).map((a) => a.personId))
    expect(published.notified).toBe(onIt.size)
    const items = await db().inboxItem.findMany({ where: { objectId: roster.id, module: 'duty' } })
    expect(items.length).toBe(onIt.size)
    expect(new Set(items.map((i) => i.personId))).toEqual(onIt)
    expect(await db().outboxMail.count({ where: { toPersonId: { in: [...onIt] as string[] }, subject: { contains: '值班表已发布' } } })).toBeGreaterThan(0)

    expect((await rosterDetail(db(), member, roster.id)).id).toBe(roster.id)
    await expectAppError(rosterDetail(db(), outsider, roster.id), 'not_found')
    await expectAppError(rosterDetail(db(), upper, roster.id), 'not_found') // not filed yet
    expect((await listRosters(db(), upper)).some((r) => r.id === roster.id)).toBe(false)

    const filed = await fileRoster(db(), actor, roster.id, published.revision, context)
    expect(filed.filedWith).toBe(1)
    expect((await rosterDetail(db(), upper, roster.id)).id).toBe(roster.id)
    expect((await listRosters(db(), upper)).some((r) => r.id === roster.id)).toBe(true)
    expect((await listRosters(db(), outsider)).some((r) => r.id === roster.id)).toBe(false)

    // A change after publishing tells the two people concerned.
    const detail = await rosterDetail(db(), actor, roster.id)
    const cell = detail.days[3]!.cells.find((c) => c.person && leaders.some((l) => l.id === c.person!.id))!
    const replacement = leaders.find((l) => l.id !== cell.person!.id)!
    const edit = await editAssignment(db(), actor, cell.id, { revision: detail.revision, personId: replacement.id }, context)
    expect(new Set(edit.push!.personIds)).toEqual(new Set([cell.person!.id, replacement.id]))
  })

  it('the board shows who is on duty now and today, with phones, to the unit’s people and the upper office of a filed roster', async () => {
    const { actor, post, tree } = await setup()
    const roster = await generated(actor, post.id, '2026-12-01', '2026-12-31')
    const published = await publishRoster(db(), actor, roster.id, roster.revision, context)
    const member = await actorFor(await buildPerson({ unit: tree.dept }))
    const upper = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['duty.oversee'], unit: tree.root }] }))
    const at = new Date('2026-12-10T12:00:00Z') // 20:00 in Beijing, a Thursday: the night shift
    const board = await dutyBoard(db(), member, at)
    const mine = board.posts.find((p) => p.id === post.id)!
    expect(mine.seats.filter((s) => s.isNow).map((s) => s.role).sort()).toEqual(['值班员', '带班领导'].sort())
    expect(mine.seats.every((s) => s.person.phone)).toBe(true)
    expect((await dutyBoard(db(), upper, at)).posts.some((p) => p.id === post.id)).toBe(false)
    await fileRoster(db(), actor, roster.id, published.revision, context)
    expect((await dutyBoard(db(), upper, at)).posts.some((p) => p.id === post.id)).toBe(true)
    const outsider = await actorFor(await buildPerson({ unit: (await buildTree()).dept }))
    expect((await dutyBoard(db(), outsider, at)).posts.some((p) => p.id === post.id)).toBe(false)
    expect(clock.now()).toBeInstanceOf(Date)
  })

  it('a manager may only make people of units they manage eligible', async () => {
    const { actor, tree } = await setup()
    const stranger = await buildPerson({ unit: tree.sibling })
    await expectAppError(savePost(db(), actor, { unitId: tree.dept.id, name: '值班', patterns: [{ name: '夜班', startMinute: 1050, durationMinutes: 900, roles: [{ name: '值班员', count: 1, eligible: [stranger.id] }] }] }, context), 'duty.person_out_of_scope')
    await expectAppError(savePost(db(), actor, { unitId: tree.sibling.id, name: '值班', patterns: [{ name: '夜班', startMinute: 1050, durationMinutes: 900, roles: [{ name: '值班员', count: 1 }] }] }, context), 'not_found')
  })
})
