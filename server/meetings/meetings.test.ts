import { spawnSync } from 'node:child_process'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days, fromShanghai, hours } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { countOpenInbox, listInbox } from '../inbox/index.ts'
import { answerInvitation, cancelMeeting, createMeeting, createRoom, exportRoll, getMeeting, listMeetings, meetingRoll, nameUnitAttendees, updateMeeting, urgeLateUnits } from './index.ts'

afterEach(() => clock.reset())

async function setup() {
  clock.freeze(fromShanghai('2026-12-01', '09:00'))
  const tree = await buildTree()
  const mail = async <T extends { id: string; account: string }>(p: T) => { await db().person.update({ where: { id: p.id }, data: { email: `${p.account}@example.gov.cn` } }); return p }
  const officer = await mail(await buildPerson({ unit: tree.root, name: '办公室秘书', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] }))
  const chair = await mail(await buildPerson({ unit: tree.root, name: '陈市长', leaderRank: 'PRINCIPAL' }))
  const a = await mail(await buildPerson({ unit: tree.root, name: '甲' }))
  const b = await mail(await buildPerson({ unit: tree.root, name: '乙' }))
  const deptOffice = await mail(await buildPerson({ unit: tree.dept, name: '发改办', grants: [{ permissions: ['meeting.organise'], unit: tree.dept }] }))
  const deptStaff = await mail(await buildPerson({ unit: tree.division, name: '发改科员' }))
  const deptStaff2 = await mail(await buildPerson({ unit: tree.dept, name: '发改副主任' }))
  const outsider = await buildPerson({ unit: tree.sibling, name: '外人' })
  const office = await actorFor(officer)
  const room = await createRoom(db(), office, { unitId: tree.root.id, name: '常务会议室', location: '市府3楼', capacity: 40, equipment: ['视频终端'] }, buildContext())
  return { ...tree, office, officer, chair, a, b, deptOffice, deptStaff, deptStaff2, outsider, room }
}

const call = (s: Awaited<ReturnType<typeof setup>>, extra: Record<string, unknown> = {}) => createMeeting(db(), s.office, {
  title: '市政府常务会议', kind: 'BOTH', chairId: s.chair.id, startsAt: fromShanghai('2026-12-03', '09:30'), endsAt: fromShanghai('2026-12-03', '11:30'),
  roomId: s.room.id, personIds: [s.a.id, s.b.id], units: [{ unitId: s.dept.id, quota: 2 }], rsvpDeadline: fromShanghai('2026-12-02', '17:00'), ...extra,
}, buildContext())

/** Parse an ICS with ical.js in a child process under a given TZ: what a calendar there would read. */
function parseIcs(ics: string, tz: string) {
  const script = `import ICAL from 'ical.js'; let s=''; process.stdin.on('data', d => s += d).on('end', () => {
    const cal = new ICAL.Component(ICAL.parse(s)); const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent'))
    const start = ev.startDate.toJSDate()
    console.log(JSON.stringify({ method: cal.getFirstPropertyValue('method'), uid: ev.uid, sequence: ev.sequence, summary: ev.summary, location: ev.location,
      start: start.toISOString(), end: ev.endDate.toJSDate().toISOString(), localHour: start.getHours(), localMinute: start.getMinutes(),
      status: cal.getFirstSubcomponent('vevent').getFirstPropertyValue('status'), rrule: ev.component.getFirstPropertyValue('rrule')?.toString() ?? null })) })`
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: ics, env: { ...process.env, TZ: tz }, encoding: 'utf8', cwd: process.cwd() })
  if (out.status !== 0) throw new Error(out.stderr)
  return JSON.parse(out.stdout)
}

describe('meetings: invitations, answers, roll', () => {
  it('invites people (待办, mail with a METHOD:REQUEST ICS) and units (their office names attendees); books the room', async () => {
    const s = await setup()
    const made = await call(s)
    expect(made.invited.sort()).toEqual([s.chair.id, s.a.id, s.b.id].sort())
    expect(made.bookingStatus).toBe('APPROVED')
    for (const p of [s.a, s.b, s.chair]) {
      const { items } = await listInbox(db(), p.id, { view: 'todo' })
      expect(items).toMatchObject([{ title: '会议邀请：市政府常务会议', url: `/meetings/${made.id}` }])
    }
    // The unit's own office (not the city's) names its attendees.
    expect((await listInbox(db(), s.deptOffice.id, { view: 'todo' })).items).toMatchObject([{ title: '单位报名：市政府常务会议' }])
    expect((await countOpenInbox(db(), s.officer.id)).todo).toBe(0)
    const mails = await db().outboxMail.findMany({ where: { toPersonId: s.a.id } })
    expect(mails).toHaveLength(1)
    expect(mails[0]!.calendar).toContain('METHOD:REQUEST')
    const meeting = (await getMeeting(db(), s.office, made.id)).meeting
    expect(meeting.location).toBe('常务会议室（市府3楼）')
    // The room is taken for another meeting at that time.
    await expectAppError(call(s, { title: '冲突的会' }), 'meeting.room_taken')
  })

  it('ICS: stable UID, SEQUENCE up on change, CANCEL on cancellation, times right under TZ=UTC and TZ=Asia/Shanghai', async () => {
    const s = await setup()
    const made = await call(s, { recurrence: 'FREQ=WEEKLY;BYDAY=TH;COUNT=4' })
    const first = (await db().outboxMail.findFirstOrThrow({ where: { toPersonId: s.a.id } })).calendar!
    const { meeting } = await getMeeting(db(), s.office, made.id)
    await updateMeeting(db(), s.office, made.id, { revision: meeting.revision, startsAt: fromShanghai('2026-12-03', '14:30'), endsAt: fromShanghai('2026-12-03', '16:00') }, buildContext())
    const moved = await getMeeting(db(), s.office, made.id)
    await cancelMeeting(db(), s.office, made.id, { revision: moved.meeting.revision, reason: '改期' }, buildContext())
    const mails = await db().outboxMail.findMany({ where: { toPersonId: s.a.id }, orderBy: { createdAt: 'asc' } })
    expect(mails.map((m) => m.subject)).toEqual(['会议邀请：市政府常务会议', '会议变更：市政府常务会议', '会议取消：市政府常务会议'])
    for (const tz of ['UTC', 'Asia/Shanghai']) {
      const [request, update, cancel] = mails.map((m) => parseIcs(m.calendar!, tz))
      expect(request).toMatchObject({ method: 'REQUEST', sequence: 0, summary: '市政府常务会议', start: '2026-12-03T01:30:00.000Z', end: '2026-12-03T03:30:00.000Z', rrule: expect.stringMatching(/^(?=.*FREQ=WEEKLY)(?=.*BYDAY=TH)(?=.*COUNT=4)/) })
      expect(update).toMatchObject({ method: 'REQUEST', sequence: 1, uid: request.uid, start: '2026-12-03T06:30:00.000Z', end: '2026-12-03T08:00:00.000Z' })
      expect(cancel).toMatchObject({ method: 'CANCEL', sequence: 2, uid: request.uid, status: 'CANCELLED' })
      // What a calendar in that zone shows: 09:30 in Beijing is 01:30 on a UTC clock.
      expect([request.localHour, request.localMinute]).toEqual(tz === 'UTC' ? [1, 30] : [9, 30])
    }
    expect(first).toContain(`UID:${meeting.icsUid}`)
    // Cancelling frees the room and withdraws the open 待办.
    expect(await db().roomBooking.count({ where: { roomId: s.room.id, status: { in: ['PENDING', 'APPROVED'] } } })).toBe(0)
    expect((await countOpenInbox(db(), s.b.id)).todo).toBe(0)
    expect((await listInbox(db(), s.b.id, { view: 'toread' })).items.map((i) => i.title)).toEqual(expect.arrayContaining(['会议取消：市政府常务会议', '会议变更：市政府常务会议']))
  })

  it('answers: attend; decline with a reason; a substitute gets the invitation; units name attendees up to their quota; the roll per unit and its Excel', async () => {
    const s = await setup()
    const made = await call(s)
    await answerInvitation(db(), await actorFor(s.a), made.id, { answer: 'ATTEND' }, buildContext())
    // A decline needs its reason (the schema refuses it; the route answers validation).
    await expect(answerInvitation(db(), await actorFor(s.b), made.id, { answer: 'DECLINE', reason: '' }, buildContext())).rejects.toThrow()
    await answerInvitation(db(), await actorFor(s.b), made.id, { answer: 'DECLINE', reason: '外出调研' }, buildContext())
    expect((await countOpenInbox(db(), s.b.id)).todo).toBe(0)
    const deptOffice = await actorFor(s.deptOffice)
    await expectAppError(nameUnitAttendees(db(), deptOffice, made.id, s.dept.id, { personIds: [s.outsider.id] }, buildContext()), 'not_found')
    // An invitee sees the meeting but does not speak for the unit.
    await expectAppError(nameUnitAttendees(db(), await actorFor(s.a), made.id, s.dept.id, { personIds: [s.deptStaff.id] }, buildContext()), 'forbidden')
    await nameUnitAttendees(db(), deptOffice, made.id, s.dept.id, { personIds: [s.deptStaff.id] }, buildContext())
    expect((await countOpenInbox(db(), s.deptOffice.id)).todo).toBe(0)
    // 代参会: the named attendee sends a colleague, who is invited in their place.
    await answerInvitation(db(), await actorFor(s.deptStaff), made.id, { answer: 'SUBSTITUTE', substituteId: s.deptStaff2.id }, buildContext())
    expect((await listInbox(db(), s.deptStaff2.id, { view: 'todo' })).items).toMatchObject([{ title: '会议邀请：市政府常务会议' }])
    await expectAppError(nameUnitAttendees(db(), deptOffice, made.id, s.dept.id, { personIds: [s.deptOffice.id, s.deptStaff2.id] }, buildContext()), 'meeting.quota_exceeded')
    const roll = await meetingRoll(db(), s.office, made.id)
    expect(roll.totals).toMatchObject({ invited: 5, attend: 1, decline: 1, substitute: 1, pending: 2 })
    const dept = roll.groups.find((g) => g.unitId === s.dept.id)!
    expect(dept.rows.map((r) => [r.name, r.answer, r.substituteFor])).toEqual([['发改科员', 'SUBSTITUTE', null], ['发改副主任', 'PENDING', '发改科员']])
    expect(roll.units).toMatchObject([{ unitId: s.dept.id, named: 1, quota: 2 }])
    const file = await exportRoll(db(), s.office, made.id, buildContext())
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file.buffer as unknown as ArrayBuffer)
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1, 4))
    expect(rows).toContainEqual([dept.unitName, '发改副主任', '未回复'])
    expect(rows).toContainEqual([expect.any(String), '乙', '请假'])
    // After the deadline no more answers.
    clock.freeze(fromShanghai('2026-12-02', '18:00'))
    await expectAppError(answerInvitation(db(), await actorFor(s.deptStaff2), made.id, { answer: 'ATTEND' }, buildContext()), 'meeting.deadline_passed')
  })

  it('permissions per object: invitees, the organiser, its unit office and invited units’ offices see it; others get not found; the roll is the organisers’', async () => {
    const s = await setup()
    const made = await call(s)
    for (const p of [s.a, s.chair, s.deptOffice, s.officer]) expect((await getMeeting(db(), await actorFor(p), made.id)).meeting.id).toBe(made.id)
    for (const p of [s.outsider, s.deptStaff]) await expectAppError(getMeeting(db(), await actorFor(p), made.id), 'not_found')
    expect((await listMeetings(db(), await actorFor(s.outsider))).map((m) => m.id)).not.toContain(made.id)
    expect((await listMeetings(db(), await actorFor(s.a))).map((m) => m.id)).toContain(made.id)
    await expectAppError(meetingRoll(db(), await actorFor(s.a), made.id), 'not_found')
    await expectAppError(updateMeeting(db(), await actorFor(s.a), made.id, { revision: 0, title: '改' }, buildContext()), 'forbidden')
    await expectAppError(updateMeeting(db(), await actorFor(s.outsider), made.id, { revision: 0, title: '改' }, buildContext()), 'not_found')
    await expectAppError(updateMeeting(db(), s.office, made.id, { revision: 7, title: '改' }, buildContext()), 'meeting.stale')
    await expectAppError(answerInvitation(db(), await actorFor(s.deptOffice), made.id, { answer: 'ATTEND' }, buildContext()), 'meeting.not_invited')
  })

  it('urges units that have named nobody a day before the deadline, once a day', async () => {
    const s = await setup()
    const made = await call(s)
    expect(await urgeLateUnits(db(), clock.now(), days(1))).toBe(0)
    clock.freeze(fromShanghai('2026-12-02', '09:00'))
    await urgeLateUnits(db(), clock.now(), days(1))
    expect((await listInbox(db(), s.deptOffice.id, { view: 'toread' })).items).toMatchObject([{ title: '催报：市政府常务会议', url: `/meetings/${made.id}` }])
    clock.advance(hours(2))
    await urgeLateUnits(db(), clock.now(), days(1))
    expect((await listInbox(db(), s.deptOffice.id, { view: 'toread' })).items).toHaveLength(1)
  })
})
