import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, fromShanghai, minutes } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { answerInvitation, checkIn, checkInCodes, checkInSecret, createMeeting, createRoom, meetingRoll, roomDisplay } from './index.ts'

afterEach(() => clock.reset())

async function setup() {
  clock.freeze(fromShanghai('2026-12-03', '09:00'))
  const tree = await buildTree()
  const office = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['meeting.organise'], unit: tree.root }] }))
  const people = await Promise.all(Array.from({ length: 6 }, (_, i) => buildPerson({ unit: tree.dept, name: `参会${i}` })))
  const outsider = await actorFor(await buildPerson({ unit: tree.sibling }))
  const room = await createRoom(db(), office, { unitId: tree.root.id, name: '一号会议室', capacity: 50 }, buildContext())
  const made = await createMeeting(db(), office, {
    title: '专题调度会', kind: 'ROOM', chairId: people[0]!.id, personIds: people.map((p) => p.id), roomId: room.id,
    startsAt: fromShanghai('2026-12-03', '09:30'), endsAt: fromShanghai('2026-12-03', '11:00'),
  }, buildContext())
  const actors = await Promise.all(people.map((p) => actorFor(p)))
  return { ...tree, office, actors, outsider, room, meetingId: made.id }
}

describe('check-in (签到)', () => {
  it('the room display shows only the current title, a QR and a code that rotate every 30 s; a stale one is refused', async () => {
    const s = await setup()
    const display = await roomDisplay(db(), s.office, s.room.id)
    expect(Object.keys(display.meeting!)).toEqual(['id', 'title'])
    expect(display.meeting!.title).toBe('专题调度会')
    expect(display.svg).toContain('<svg')
    expect(display.code).toMatch(/^\d{6}$/)
    // The display is the room office's: anyone else gets not found.
    await expectAppError(roomDisplay(db(), s.actors[1]!, s.room.id), 'not_found')
    const token = new URL(display.url!).searchParams.get('t')!
    clock.advance(29_000)
    expect((await checkIn(db(), s.actors[1]!, s.meetingId, { token }, buildContext())).already).toBe(false)
    expect((await checkIn(db(), s.actors[1]!, s.meetingId, { token }, buildContext())).already).toBe(true)
    // A photo sent to someone elsewhere stops working a step later.
    clock.advance(61_000)
    await expectAppError(checkIn(db(), s.actors[2]!, s.meetingId, { token }, buildContext()), 'meeting.checkin_stale')
    await expectAppError(checkIn(db(), s.actors[2]!, s.meetingId, { code: display.code! }, buildContext()), 'meeting.checkin_stale')
    const fresh = await roomDisplay(db(), s.office, s.room.id)
    expect(fresh.code).not.toBe(display.code)
    await checkIn(db(), s.actors[2]!, s.meetingId, { code: fresh.code! }, buildContext())
    await expectAppError(checkIn(db(), s.actors[2]!, s.meetingId, { token: `${Math.floor(clock.now().getTime() / 30000)}.forged` }, buildContext()), 'meeting.checkin_stale')
  })

  it('only invitees who come check in; the sheet says present, late, absent and substitute per unit', async () => {
    const s = await setup()
    const secret = await checkInSecret(db())
    const code = () => checkInCodes(secret, s.meetingId).code
    await expectAppError(checkIn(db(), s.outsider, s.meetingId, { code: code() }, buildContext()), 'not_found')
    await answerInvitation(db(), s.actors[3]!, s.meetingId, { answer: 'DECLINE', reason: '出差' }, buildContext())
    await expectAppError(checkIn(db(), s.actors[3]!, s.meetingId, { code: code() }, buildContext()), 'meeting.not_invited')
    await checkIn(db(), s.actors[0]!, s.meetingId, { code: code() }, buildContext())
    clock.freeze(fromShanghai('2026-12-03', '09:50'))
    await Promise.all([checkIn(db(), s.actors[1]!, s.meetingId, { code: code() }, buildContext()), checkIn(db(), s.actors[1]!, s.meetingId, { code: code() }, buildContext())])
    expect(await db().auditEvent.count({ where: { action: 'meeting.check_in', objectId: s.meetingId, actorId: s.actors[1]!.personId } })).toBe(1)
    const roll = await meetingRoll(db(), s.office, s.meetingId)
    const by = Object.fromEntries(roll.groups.flatMap((g) => g.rows).map((r) => [r.name, r.attendance]))
    expect(by).toMatchObject({ 参会0: 'present', 参会1: 'late', 参会2: 'absent', 参会3: 'declined' })
    clock.freeze(fromShanghai('2026-12-03', '11:01'))
    await expectAppError(checkIn(db(), s.actors[2]!, s.meetingId, { code: code() }, buildContext()), 'meeting.checkin_closed')
    clock.freeze(new Date(fromShanghai('2026-12-03', '09:30').getTime() - minutes(31)))
    await expectAppError(checkIn(db(), s.actors[2]!, s.meetingId, { code: code() }, buildContext()), 'meeting.checkin_closed')
  })
})
