import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, fromShanghai } from '../core/clock.ts'
import { inboxListenerCount, notifyInboxChanged, onInboxChanged } from '../core/events.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildSession, buildTree } from '../test/factories.ts'
import { until } from '../test/until.ts'
import { watchedPeople, watchOpenCounts } from '../inbox/index.ts'
import { appendUpdate, BODY_FRAGMENT, loadStoredDocument, readContent } from '../coediting/index.ts'
import { bodyDocName } from '../documents/index.ts'
import {
  answerInvitation, cancelMeeting, checkIn, checkInCodes, checkInSecret, createMeeting, draftMeetingDocument, getMeeting, meetingMinutesAccess,
  minutesDocName, minutesStarted, minutesTicket, nameUnitAttendees, startMinutes,
} from './index.ts'

afterEach(async () => {
  clock.reset()
  await until(() => watchedPeople() === 0 && inboxListenerCount() === 0)
})

async function setup() {
  clock.freeze(fromShanghai('2026-12-03', '09:00'))
  const tree = await buildTree()
  // Documents are drafted in an organisation (an organ code): the minutes become one.
  await db().unit.update({ where: { id: tree.root.id }, data: { organCode: `T${Math.random().toString(36).slice(2, 8)}` } })
  const officer = await buildPerson({ unit: tree.root, name: '办公室秘书', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] })
  const colleague = await buildPerson({ unit: tree.root, name: '会务科长', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] })
  const chair = await buildPerson({ unit: tree.root, name: '陈市长', leaderRank: 'PRINCIPAL' })
  const a = await buildPerson({ unit: tree.root, name: '甲' })
  const deptOffice = await buildPerson({ unit: tree.dept, name: '发改办', grants: [{ permissions: ['meeting.organise'], unit: tree.dept }] })
  const deptStaff = await buildPerson({ unit: tree.division, name: '发改科员' })
  const outsider = await buildPerson({ unit: tree.sibling, name: '外人' })
  const office = await actorFor(officer)
  const made = await createMeeting(db(), office, {
    title: '专题调度会', kind: 'ROOM', chairId: chair.id, personIds: [a.id], units: [{ unitId: tree.dept.id, quota: 2 }],
    startsAt: fromShanghai('2026-12-03', '09:30'), endsAt: fromShanghai('2026-12-03', '11:00'), rsvpDeadline: fromShanghai('2026-12-03', '09:20'),
  }, buildContext())
  return { ...tree, office, officer, colleague, chair, a, deptOffice, deptStaff, outsider, meetingId: made.id }
}

/** Every change event each person's badge stream would hear in this process. */
async function listen(people: { id: string }[]) {
  const heard = new Map(people.map((p) => [p.id, 0]))
  const stops = await Promise.all(people.map((p) => onInboxChanged(p.id, () => heard.set(p.id, heard.get(p.id)! + 1))))
  return { heard: (p: { id: string }) => heard.get(p.id)!, stop: () => stops.forEach((s) => s()) }
}

/**
 * Nothing reached these people: NOTIFYs arrive in commit order, so once a marker sent after the
 * change has arrived, anything the change sent them would have arrived before it.
 */
async function expectNothingBefore(marker: { heard: (p: { id: string }) => number }, people: { id: string }[], before: number[]) {
  await db().$transaction((tx) => notifyInboxChanged(tx, people.map((p) => p.id)))
  await until(() => people.every((p, i) => marker.heard(p) > before[i]!))
  expect(people.map((p) => marker.heard(p))).toEqual(before.map((n) => n + 1))
}

describe('the live roll', () => {
  it('an answer, a unit naming attendees and a check-in wake those who may see the roll, and no one outside the policy', async () => {
    const s = await setup()
    const ears = await listen([s.officer, s.colleague, s.deptOffice, s.outsider, s.chair])
    try {
      // The organiser's open roll page holds the badge stream: its counts come again after each change.
      const stream: unknown[] = []
      const stopStream = await watchOpenCounts(db(), s.officer.id, (c) => stream.push(c))
      const seen = () => [ears.heard(s.officer), ears.heard(s.colleague)]

      await answerInvitation(db(), await actorFor(s.a), s.meetingId, { answer: 'ATTEND' }, buildContext())
      await until(() => ears.heard(s.officer) >= 1 && ears.heard(s.colleague) >= 1 && stream.length >= 2)
      // The invited unit's office sees the meeting but not the roll; the outsider nothing; the chair is not a manager.
      await expectNothingBefore(ears, [s.deptOffice, s.outsider, s.chair], [0, 0, 0])

      let before = seen()
      await nameUnitAttendees(db(), await actorFor(s.deptOffice), s.meetingId, s.dept.id, { personIds: [s.deptStaff.id] }, buildContext())
      await until(() => ears.heard(s.officer) > before[0]! && ears.heard(s.colleague) > before[1]!)
      await expectNothingBefore(ears, [s.outsider, s.chair], [1, 1])

      before = seen()
      const streamBefore = stream.length
      const code = checkInCodes(await checkInSecret(db()), s.meetingId).code
      await checkIn(db(), await actorFor(s.a), s.meetingId, { code }, buildContext())
      await until(() => ears.heard(s.officer) > before[0]! && ears.heard(s.colleague) > before[1]! && stream.length > streamBefore)
      await expectNothingBefore(ears, [s.deptOffice, s.outsider, s.chair], [ears.heard(s.deptOffice), 2, 2])

      // A refused check-in (not invited) wakes nobody.
      before = seen()
      await expectAppError(checkIn(db(), await actorFor(s.outsider), s.meetingId, { code }, buildContext()), 'not_found')
      await expectAppError(checkIn(db(), await actorFor(s.colleague), s.meetingId, { code }, buildContext()), 'meeting.not_invited')
      await expectNothingBefore(ears, [s.officer, s.colleague], before)
      stopStream()
    } finally {
      ears.stop()
    }
  })
})

describe('minutes on the meeting page', () => {
  it('the managers and the chair co-edit them with tickets checked against the meeting; one action issues them as a 纪要 document', async () => {
    const s = await setup()
    const chair = await actorFor(s.chair)
    const access = meetingMinutesAccess(db())
    // Tickets and the co-editing server's check: the same rule.
    for (const [who, right] of [[s.office, 'edit'], [await actorFor(s.colleague), 'edit'], [chair, 'edit']] as const) {
      const actor = { ...who, sessionId: await buildSession(who.personId) }
      expect((await minutesTicket(db(), actor, s.meetingId)).right).toBe(right)
      expect(await access(minutesDocName(s.meetingId), who.personId)).toBe(right)
    }
    for (const who of [s.a, s.deptOffice, s.outsider]) {
      await expectAppError(minutesTicket(db(), await actorFor(who), s.meetingId), 'not_found')
      expect(await access(minutesDocName(s.meetingId), who.id)).toBeNull()
    }
    expect(await access(`document:${s.meetingId}`, s.officer.id)).toBeUndefined()
    expect(await access('meeting-minutes:not-a-uuid', s.officer.id)).toBeNull()
    await expectAppError(startMinutes(db(), await actorFor(s.a), s.meetingId, buildContext()), 'forbidden')

    // Started once, even twice at once: one prefilled body.
    const started = await Promise.all([startMinutes(db(), s.office, s.meetingId, buildContext()), startMinutes(db(), chair, s.meetingId, buildContext())])
    expect(started.map((r) => r.started).sort()).toEqual([false, true])
    expect(await minutesStarted(db(), s.meetingId)).toBe(true)
    expect(await db().realtimeUpdate.count({ where: { docName: minutesDocName(s.meetingId) } })).toBe(1)

    // The chair types a line during the meeting (what the co-editing server stores for them).
    const { doc } = await loadStoredDocument(db(), minutesDocName(s.meetingId))
    const before = Y.encodeStateVector(doc)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('会议原则同意调度方案。')])
    doc.getXmlFragment(BODY_FRAGMENT).push([paragraph])
    await appendUpdate(db(), { docName: minutesDocName(s.meetingId), update: Y.encodeStateAsUpdate(doc, before), personId: s.chair.id })

    await checkIn(db(), await actorFor(s.a), s.meetingId, { code: checkInCodes(await checkInSecret(db()), s.meetingId).code }, buildContext())
    const issued = await draftMeetingDocument(db(), s.office, s.meetingId, 'minutes', buildContext())
    const text = JSON.stringify(readContent((await loadStoredDocument(db(), bodyDocName(issued.documentId))).doc))
    expect(text).toContain('陈市长主持召开专题调度会')
    expect(text).toContain('会议原则同意调度方案。')
    expect(text).toContain('出席情况')
    expect(text).toMatch(/出席：[^"]*甲/)
    expect((await db().document.findUniqueOrThrow({ where: { id: issued.documentId } })).kind).toBe('MINUTES')
    expect((await getMeeting(db(), s.office, s.meetingId)).meeting.minutesDocumentId).toBe(issued.documentId)
    // Issued: the meeting's draft is read-only; the document is the truth now.
    expect(await access(minutesDocName(s.meetingId), s.chair.id)).toBe('read')
    await expectAppError(startMinutes(db(), s.office, s.meetingId, buildContext()), 'meeting.minutes_issued')
    // A second press opens the same document.
    expect(await draftMeetingDocument(db(), s.office, s.meetingId, 'minutes', buildContext())).toEqual({ documentId: issued.documentId, created: false })
  })

  it('a cancelled meeting’s minutes are read-only', async () => {
    const s = await setup()
    await startMinutes(db(), s.office, s.meetingId, buildContext())
    const { meeting } = await getMeeting(db(), s.office, s.meetingId)
    await cancelMeeting(db(), s.office, s.meetingId, { revision: meeting.revision, reason: '改期' }, buildContext())
    expect(await meetingMinutesAccess(db())(minutesDocName(s.meetingId), s.officer.id)).toBe('read')
  })
})
