import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, shanghaiInstant } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { acknowledgeHandover, addLogEntry, createRoster, dutyDesk, ensureOfficialCalendar, generateRoster, publishRoster, savePost, signOn, writeHandover } from './index.ts'

const context = buildContext()
beforeAll(async () => {
  await ensureOfficialCalendar(db())
})
afterEach(() => clock.reset())

describe('on duty: sign-on, log, handover', () => {
  it('signs on within the window, logs, hands over open items that the next officer acknowledges', async () => {
    const tree = await buildTree()
    const manager = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
    const officers = await Promise.all(Array.from({ length: 3 }, (_, i) => buildPerson({ unit: tree.dept, name: `值班员${i}` })))
    const post = await savePost(db(), manager, { unitId: tree.dept.id, name: '总值班', patterns: [
      { name: '白班', startMinute: 510, durationMinutes: 540, roles: [{ name: '值班员', count: 1, eligible: officers.map((o) => o.id) }] },
      { name: '夜班', startMinute: 1050, durationMinutes: 900, roles: [{ name: '值班员', count: 1, eligible: officers.map((o) => o.id) }] },
    ] }, context)
    const { id } = await createRoster(db(), manager, { postId: post.id, startDate: '2026-11-02', endDate: '2026-11-08' }, context)
    const generated = await generateRoster(db(), manager, id, 0, context)
    await publishRoster(db(), manager, id, generated.revision, context)
    // A day whose day and night shifts went to two people (one person may take both: they do not overlap).
    const seats = await db().dutyAssignment.findMany({ where: { rosterId: id }, orderBy: { startsAt: 'asc' } })
    const date = ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07'].find((d) => {
      const [a, b] = seats.filter((x) => x.date === d)
      return a && b && a.personId !== b.personId && !seats.some((x) => x.date === d && x.personId === b.personId && x !== b && x.startsAt > b.startsAt)
    })!
    const day = seats.find((x) => x.date === date && x.startsAt.getTime() === shanghaiInstant(date, 510).getTime())!
    const night = seats.find((x) => x.date === date && x.startsAt.getTime() === shanghaiInstant(date, 1050).getTime())!
    expect(day.personId).not.toBe(night.personId)
    const dayOfficer = await actorFor(officers.find((o) => o.id === day.personId)!)
    const nightOfficer = await actorFor(officers.find((o) => o.id === night.personId)!)
    const third = await actorFor(officers.find((o) => o.id !== day.personId && o.id !== night.personId)!)

    clock.freeze(shanghaiInstant(date, 7 * 60)) // 07:00: too early
    await expectAppError(signOn(db(), dayOfficer, day.id, context), 'duty.not_on_shift')
    await expectAppError(addLogEntry(db(), dayOfficer, { kind: 'CALL', text: '市应急局来电' }, context), 'duty.not_on_shift')
    clock.freeze(shanghaiInstant(date, 8 * 60 + 10)) // 08:10: 20 minutes before
    await expectAppError(signOn(db(), third, day.id, context), 'not_found')
    expect((await signOn(db(), dayOfficer, day.id, context)).signedOnAt).toEqual(clock.now())
    clock.freeze(shanghaiInstant(date, 10 * 60))
    await addLogEntry(db(), dayOfficer, { kind: 'CALL', text: '市应急局来电，询问防汛值班安排' }, context)
    const { next } = await writeHandover(db(), dayOfficer, { note: '白班平稳', items: [{ text: '18:00 前回复应急局', isOpen: true }, { text: '已报送值班表', isOpen: false }] }, context)
    expect(next).toBe(1)
    const handover = await db().dutyHandover.findFirstOrThrow({ where: { postId: post.id } })
    expect(await db().inboxItem.count({ where: { objectId: handover.id, personId: nightOfficer.personId, kind: 'TODO', state: 'OPEN' } })).toBe(1)

    clock.freeze(shanghaiInstant(date, 17 * 60 + 20))
    const desk = await dutyDesk(db(), nightOfficer, clock.now())
    expect(desk!.incoming!.id).toBe(handover.id)
    expect(desk!.carried).toEqual([{ text: '18:00 前回复应急局', isOpen: true }])
    expect(desk!.log.map((l) => l.text)).toContain('市应急局来电，询问防汛值班安排')
    await expectAppError(acknowledgeHandover(db(), third, handover.id, context), 'not_found')
    await acknowledgeHandover(db(), nightOfficer, handover.id, context)
    expect((await db().dutyHandover.findUniqueOrThrow({ where: { id: handover.id } })).acknowledgedById).toBe(nightOfficer.personId)
    expect(await db().inboxItem.count({ where: { objectId: handover.id, state: 'OPEN' } })).toBe(0)
  })
})
