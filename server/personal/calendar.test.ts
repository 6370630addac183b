import ICAL from 'ical.js'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, fromShanghai } from '../core/clock.ts'
import { uuidv7 } from '../directory/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { createRoster, editAssignment, ensureOfficialCalendar, generateRoster, publishRoster, savePost } from '../duty/index.ts'
import { createEntry, decideLeave, deleteEntry, feedByToken, makeFeedToken, myCalendar, remindEntries, requestLeave, revokeFeedToken, updateEntry } from './index.ts'

const context = buildContext()

beforeAll(async () => {
  await ensureOfficialCalendar(db())
})
afterEach(() => clock.reset())

/** A person with something from every source in September 2026, and a colleague who is not in any of it. */
async function setup() {
  clock.freeze(new Date('2026-09-01T01:00:00Z'))
  const tree = await buildTree()
  const head = await buildPerson({ unit: tree.division, name: '科长', leaderRank: 'PRINCIPAL' })
  const me = await buildPerson({ unit: tree.division, name: '张三' })
  const other = await buildPerson({ unit: tree.division, name: '李四' })
  const actor = await actorFor(me)
  const otherActor = await actorFor(other)

  // A weekly meeting series I am invited to, and a meeting I declined.
  const meeting = await db().meeting.create({ data: { title: '周例会', kind: 'ROOM', organiserUnitId: tree.dept.id, organiserId: head.id, chairId: head.id, startsAt: fromShanghai('2026-09-07', '09:00'), endsAt: fromShanghai('2026-09-07', '10:00'), recurrence: 'FREQ=WEEKLY;COUNT=4', location: '三楼会议室', icsUid: `${uuidv7()}@xietong-meeting`, invitees: { create: [{ personId: me.id }] } } })
  await db().meeting.create({ data: { title: '已谢绝的会', kind: 'ROOM', organiserUnitId: tree.dept.id, organiserId: head.id, chairId: head.id, startsAt: fromShanghai('2026-09-08', '15:00'), endsAt: fromShanghai('2026-09-08', '16:00'), icsUid: `${uuidv7()}@x`, invitees: { create: [{ personId: me.id, answer: 'DECLINE' }] } } })

  // A published duty roster with me on it.
  const manager = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
  const post = await savePost(db(), manager, { unitId: tree.dept.id, name: '总值班', phone: '1', patterns: [{ name: '夜班', startMinute: 1050, durationMinutes: 900, appliesOn: 'ALL', roles: [{ name: '值班员', count: 1, eligible: [me.id] }] }] }, context)
  const roster = await createRoster(db(), manager, { postId: post.id, startDate: '2026-09-10', endDate: '2026-09-10' }, context)
  await generateRoster(db(), manager, roster.id, 0, context)
  await publishRoster(db(), manager, roster.id, 1, context)

  // A document step due, and a supervision item I own.
  const doc = await db().document.create({ data: { direction: 'OUTGOING', kind: 'NOTICE', title: '关于开展安全检查的通知', organId: tree.dept.id, unitId: tree.division.id, createdById: head.id } })
  await db().documentTask.create({ data: { documentId: doc.id, stepIndex: 0, assigneeId: me.id, dueAt: fromShanghai('2026-09-15', '17:00') } })
  const itemId = uuidv7()
  await db().supervisionItem.create({ data: { id: itemId, path: `/${itemId}/`, officeUnitId: tree.dept.id, createdById: head.id, source: 'KEY_WORK', title: '重点项目推进', deadline: fromShanghai('2026-09-30', '23:59'), status: 'IN_PROGRESS', assignments: { create: [{ unitId: tree.division.id, role: 'LEAD', status: 'ACCEPTED', ownerId: me.id }] } } })

  // My leave and my own entries (one repeating every Wednesday).
  const leave = await requestLeave(db(), actor, { type: 'PERSONAL', startDate: '2026-09-17', endDate: '2026-09-18', reason: '私事' }, context)
  await decideLeave(db(), await actorFor(head), leave.id, { revision: 0, approve: true }, context)
  const gym = await createEntry(db(), actor, { title: '羽毛球', startsAt: fromShanghai('2026-09-02', '18:30'), endsAt: fromShanghai('2026-09-02', '20:00'), recurrence: 'FREQ=WEEKLY;BYDAY=WE', location: '体育馆' }, context)
  const dentist = await createEntry(db(), actor, { title: '看牙', startsAt: fromShanghai('2026-09-21', '14:00'), endsAt: fromShanghai('2026-09-21', '15:00'), remindMinutes: 30 }, context)
  await createEntry(db(), otherActor, { title: '别人的日程', startsAt: fromShanghai('2026-09-21', '09:00'), endsAt: fromShanghai('2026-09-21', '10:00') }, context)
  return { tree, me, other, actor, otherActor, managerActor: manager, meeting, roster, doc, itemId, leave, gym, dentist }
}

describe('my calendar', () => {
  it('merges meetings (series expanded), duty, document and supervision deadlines, leave and own entries, in Beijing time', async () => {
    const s = await setup()
    const items = await myCalendar(db(), s.actor, { from: '2026-09-01', to: '2026-09-30' })
    const bySource = (source: string) => items.filter((i) => i.source === source)
    expect(bySource('meeting').map((i) => i.date)).toEqual(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28'])
    expect(bySource('meeting').every((i) => i.url === `/meetings/${s.meeting.id}` && i.location === '三楼会议室')).toBe(true)
    expect(bySource('duty').map((i) => [i.date, i.startsAt.toISOString()])).toEqual([['2026-09-10', '2026-09-10T09:30:00.000Z']])
    expect(bySource('document')).toMatchObject([{ date: '2026-09-15', isAllDay: true, url: `/documents/${s.doc.id}` }])
    expect(bySource('supervision')).toMatchObject([{ date: '2026-09-30', url: `/supervision/${s.itemId}` }])
    expect(bySource('leave')).toMatchObject([{ date: '2026-09-17', endDate: '2026-09-18', title: '请假', url: `/personal/leave/${s.leave.id}` }])
    expect(bySource('own').map((i) => `${i.date} ${i.title}`)).toEqual(['2026-09-02 羽毛球', '2026-09-09 羽毛球', '2026-09-16 羽毛球', '2026-09-21 看牙', '2026-09-23 羽毛球', '2026-09-30 羽毛球'])
    expect(items.some((i) => i.title === '已谢绝的会' || i.title === '别人的日程')).toBe(false)
    // Sorted by start; a ranged week shows only its days.
    expect(items.map((i) => i.startsAt.getTime())).toEqual([...items.map((i) => i.startsAt.getTime())].sort((a, b) => a - b))
    const week = await myCalendar(db(), s.actor, { from: '2026-09-14', to: '2026-09-20' })
    expect([...new Set(week.map((i) => i.source))].sort()).toEqual(['document', 'leave', 'meeting', 'own'])
    await expectAppError(myCalendar(db(), s.actor, { from: '2026-01-01', to: '2026-12-31' }), 'calendar.period')
  })

  it('own entries are only their owner’s to change; a bad RRULE is refused', async () => {
    const s = await setup()
    await expectAppError(updateEntry(db(), s.otherActor, s.dentist.id, { revision: 0, title: 'x', startsAt: new Date(), endsAt: new Date() }, context), 'not_found')
    await expectAppError(deleteEntry(db(), s.otherActor, s.dentist.id, 0, context), 'not_found')
    await expectAppError(createEntry(db(), s.actor, { title: 'x', startsAt: new Date(), endsAt: new Date(), recurrence: 'FREQ=SOMETIMES' }, context), 'calendar.recurrence_invalid')
    await expectAppError(createEntry(db(), s.actor, { title: 'x', startsAt: new Date('2026-09-02T02:00:00Z'), endsAt: new Date('2026-09-02T01:00:00Z') }, context), 'calendar.period')
  })

  it('reminds once per occurrence through the inbox, then waits for the next one', async () => {
    const s = await setup()
    const remind = await createEntry(db(), s.actor, { title: '周报', startsAt: fromShanghai('2026-09-04', '16:00'), endsAt: fromShanghai('2026-09-04', '16:30'), recurrence: 'FREQ=WEEKLY;COUNT=2', remindMinutes: 15 }, context)
    const items = () => db().inboxItem.findMany({ where: { personId: s.me.id, objectType: 'CalendarEntry', objectId: { startsWith: remind.id } }, select: { objectId: true, title: true } })
    expect(await remindEntries(db(), fromShanghai('2026-09-04', '15:40'))).toBe(0)
    expect(await remindEntries(db(), fromShanghai('2026-09-04', '15:46'))).toBe(1)
    expect(await remindEntries(db(), fromShanghai('2026-09-04', '15:50'))).toBe(0)
    expect(await items()).toEqual([{ objectId: `${remind.id}:2026-09-04T08:00:00.000Z`, title: '日程提醒：周报（2026-09-04 16:00）' }])
    expect(await remindEntries(db(), fromShanghai('2026-09-11', '15:46'))).toBe(1)
    expect((await db().calendarEntry.findUniqueOrThrow({ where: { id: remind.id } })).nextRemindAt).toBeNull()
  })
})

describe('the ICS feed', () => {
  it('parses back with ical.js, keeps UIDs across a change, and a revoked, remade or other token is not found', async () => {
    const s = await setup()
    const { token, path } = await makeFeedToken(db(), s.actor, context)
    expect(path).toBe(`/api/personal/ics/${token}`)
    expect(await db().calendarFeed.findUniqueOrThrow({ where: { personId: s.me.id } })).not.toHaveProperty('token')
    const parse = (ics: string) => {
      const calendar = new ICAL.Component(ICAL.parse(ics))
      // What a calendar app does with the feed's VTIMEZONE: know the zone its series are written in.
      for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
      return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    }
    const events = parse(await feedByToken(db(), token))
    const summaries = events.map((e) => e.summary).sort()
    expect(summaries).toEqual(['值班：总值班 值班员', '公文办理期限：关于开展安全检查的通知', '周例会', '看牙', '督办期限：重点项目推进', '羽毛球', '请假'].sort())
    const weekly = events.find((e) => e.summary === '周例会')!
    expect(weekly.isRecurring()).toBe(true)
    expect(weekly.startDate.toJSDate().toISOString()).toBe('2026-09-07T01:00:00.000Z')
    const gym = events.find((e) => e.summary === '羽毛球')!
    const next = gym.iterator()
    expect([next.next()!, next.next()!].map((d) => d.toJSDate().toISOString())).toEqual(['2026-09-02T10:30:00.000Z', '2026-09-09T10:30:00.000Z'])
    const leave = events.find((e) => e.summary === '请假')!
    expect([leave.startDate.toString(), leave.endDate.toString()]).toEqual(['2026-09-17', '2026-09-19'])
    const dentist = events.find((e) => e.summary === '看牙')!
    expect(dentist.startDate.toJSDate().toISOString()).toBe('2026-09-21T06:00:00.000Z')

    // Moving the entry keeps its UID and raises its SEQUENCE.
    await updateEntry(db(), s.actor, s.dentist.id, { revision: 0, title: '看牙', startsAt: fromShanghai('2026-09-22', '14:00'), endsAt: fromShanghai('2026-09-22', '15:00') }, context)
    const moved = parse(await feedByToken(db(), token)).find((e) => e.summary === '看牙')!
    expect(moved.uid).toBe(dentist.uid)
    expect(moved.sequence).toBe(dentist.sequence + 1)
    expect(moved.startDate.toJSDate().toISOString()).toBe('2026-09-22T06:00:00.000Z')

    // Another person's token shows their calendar only; a remade token retires the old one; revoked: not found.
    const theirs = await makeFeedToken(db(), s.otherActor, context)
    expect(parse(await feedByToken(db(), theirs.token)).map((e) => e.summary)).toEqual(['别人的日程'])
    const remade = await makeFeedToken(db(), s.actor, context)
    await expectAppError(feedByToken(db(), token), 'not_found')
    expect(parse(await feedByToken(db(), remade.token)).length).toBe(events.length)
    await revokeFeedToken(db(), s.actor, context)
    await expectAppError(feedByToken(db(), remade.token), 'not_found')
    await expectAppError(feedByToken(db(), 'short'), 'not_found')
  })
})

describe('duty shifts in the ICS feed', () => {
  it('reach calendar apps through the token address, in Beijing time, and follow the seat when the manager moves it', async () => {
    const s = await setup()
    const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).filter((e) => e.summary.startsWith('值班'))
    const mine = await makeFeedToken(db(), s.actor, context)
    const theirs = await makeFeedToken(db(), s.otherActor, context)
    const [shift] = parse(await feedByToken(db(), mine.token))
    // 夜班 of 09-10 (it belongs to the day it starts): 17:30 Beijing to 08:30 the next morning.
    expect([shift!.summary, shift!.startDate.toJSDate().toISOString(), shift!.endDate.toJSDate().toISOString()]).toEqual(['值班：总值班 值班员', '2026-09-10T09:30:00.000Z', '2026-09-11T00:30:00.000Z'])
    expect(shift!.component.getFirstPropertyValue('url')).toMatch(new RegExp(`/duty/rosters/${s.roster.id}$`))
    expect(parse(await feedByToken(db(), theirs.token))).toEqual([])

    // The duty manager hands the seat to 李四: it leaves my feed and appears in theirs under the same UID.
    const seat = await db().dutyAssignment.findFirstOrThrow({ where: { rosterId: s.roster.id, personId: s.me.id } })
    const { revision } = await db().dutyRoster.findUniqueOrThrow({ where: { id: s.roster.id }, select: { revision: true } })
    await db().dutyEligibility.create({ data: { roleId: seat.roleId, personId: s.other.id } })
    await editAssignment(db(), s.managerActor, seat.id, { revision, personId: s.other.id }, context)
    expect(parse(await feedByToken(db(), mine.token))).toEqual([])
    expect(parse(await feedByToken(db(), theirs.token)).map((e) => [e.uid, e.startDate.toJSDate().toISOString()])).toEqual([[shift!.uid, '2026-09-10T09:30:00.000Z']])
  })
})

describe('repeating entries on Beijing wall time', () => {
  it('a Monday 07:00 entry repeats on Mondays (07:00 Beijing is Sunday in UTC)', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const actor = await actorFor(await buildPerson({ name: '早起' }))
    await createEntry(db(), actor, { title: '晨跑', startsAt: fromShanghai('2026-09-07', '07:00'), endsAt: fromShanghai('2026-09-07', '07:30'), recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE' }, context)
    const items = await myCalendar(db(), actor, { from: '2026-09-07', to: '2026-09-13' })
    expect(items.map((i) => `${i.date} ${i.startsAt.toISOString()}`)).toEqual(['2026-09-07 2026-09-06T23:00:00.000Z', '2026-09-09 2026-09-08T23:00:00.000Z'])
  })
})
