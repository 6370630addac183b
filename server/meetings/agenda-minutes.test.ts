import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, fromShanghai } from '../core/clock.ts'
import { loadStoredDocument, readContent } from '../coediting/index.ts'
import { bodyDocName } from '../documents/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { addDecision, addMaterial, answerInvitation, createMeeting, decisionAsSupervisionSource, downloadMaterial, draftMeetingDocument, getMeeting, saveAgenda } from './index.ts'

afterEach(() => clock.reset())

async function setup() {
  clock.freeze(fromShanghai('2026-12-01', '09:00'))
  const tree = await buildTree()
  await db().unit.update({ where: { id: tree.root.id }, data: { organCode: `T${Math.random().toString(36).slice(2, 8)}` } })
  const office = await actorFor(await buildPerson({ unit: tree.root, name: '秘书', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] }))
  const chair = await buildPerson({ unit: tree.root, name: '市长' })
  const invitee = await actorFor(await buildPerson({ unit: tree.dept, name: '局长' }))
  const colleague = await actorFor(await buildPerson({ unit: tree.dept, name: '同事' }))
  const made = await createMeeting(db(), office, {
    title: '第12次常务会议', kind: 'ROOM', chairId: chair.id, personIds: [invitee.personId], units: [{ unitId: tree.sibling.id, quota: 1 }],
    startsAt: fromShanghai('2026-12-03', '09:30'), endsAt: fromShanghai('2026-12-03', '11:00'),
  }, buildContext())
  return { ...tree, office, invitee, colleague, meetingId: made.id }
}

const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF')

describe('agenda, materials, notice, minutes and decisions', () => {
  it('materials are for invitees only, each download audited; withdrawn after the meeting when so marked', async () => {
    const s = await setup()
    const { meeting } = await getMeeting(db(), s.office, s.meetingId)
    await saveAgenda(db(), s.office, s.meetingId, { revision: meeting.revision, items: [{ title: '审议城市更新方案', presenterId: s.invitee.personId, minutes: 30 }, { title: '其他事项', minutes: 10 }] }, buildContext())
    const agenda = (await getMeeting(db(), s.invitee, s.meetingId)).agenda
    expect(agenda.map((a) => [a.title, a.presenterName, a.minutes])).toEqual([['审议城市更新方案', '局长', 30], ['其他事项', '', 10]])
    await expectAppError(saveAgenda(db(), s.invitee, s.meetingId, { revision: 1, items: [] }, buildContext()), 'forbidden')
    const material = await addMaterial(db(), s.office, s.meetingId, { name: '城市更新方案.pdf', data: pdf, agendaItemId: agenda[0]!.id, withdrawAfterMeeting: true }, buildContext())
    expect((await getMeeting(db(), s.invitee, s.meetingId)).materials.map((m) => m.fileName)).toEqual(['城市更新方案.pdf'])
    const file = await downloadMaterial(db(), s.invitee, s.meetingId, material.id, buildContext())
    expect(Buffer.from(file.content).toString()).toContain('%PDF')
    expect(await db().auditEvent.count({ where: { action: 'meeting.material_download', objectId: s.meetingId, actorId: s.invitee.personId } })).toBe(1)
    await expectAppError(downloadMaterial(db(), s.colleague, s.meetingId, material.id, buildContext()), 'not_found')
    clock.freeze(fromShanghai('2026-12-03', '12:00'))
    await expectAppError(downloadMaterial(db(), s.invitee, s.meetingId, material.id, buildContext()), 'meeting.material_withdrawn')
  })

  it('issues the 会议通知 and the 纪要 as documents prefilled from the meeting; decisions carry the supervision hook', async () => {
    const s = await setup()
    const notice = await draftMeetingDocument(db(), s.office, s.meetingId, 'notice', buildContext())
    const noticeDoc = await db().document.findUniqueOrThrow({ where: { id: notice.documentId } })
    expect(noticeDoc).toMatchObject({ kind: 'NOTICE', title: '关于召开第12次常务会议的通知', status: 'DRAFT' })
    expect(noticeDoc.mainRecipients).toContain(s.sibling.name)
    const noticeText = JSON.stringify(readContent((await loadStoredDocument(db(), bodyDocName(notice.documentId))).doc))
    expect(noticeText).toContain('2026-12-03 09:30')
    // Once: a second press opens the same draft.
    expect(await draftMeetingDocument(db(), s.office, s.meetingId, 'notice', buildContext())).toEqual({ documentId: notice.documentId, created: false })
    await answerInvitation(db(), s.invitee, s.meetingId, { answer: 'ATTEND' }, buildContext())
    const decision = await addDecision(db(), s.office, s.meetingId, { text: '城市更新方案原则通过，由发改委牵头细化', ownerUnitId: s.dept.id, deadline: fromShanghai('2026-12-31', '17:00') }, buildContext())
    await expectAppError(addDecision(db(), s.invitee, s.meetingId, { text: 'x', ownerUnitId: s.dept.id, deadline: fromShanghai('2026-12-31') }, buildContext()), 'forbidden')
    const minutes = await draftMeetingDocument(db(), s.office, s.meetingId, 'minutes', buildContext())
    const minutesText = JSON.stringify(readContent((await loadStoredDocument(db(), bodyDocName(minutes.documentId))).doc))
    expect(minutesText).toContain('城市更新方案原则通过')
    expect((await db().document.findUniqueOrThrow({ where: { id: minutes.documentId } })).kind).toBe('MINUTES')
    expect(await decisionAsSupervisionSource(db(), s.office, decision.id)).toMatchObject({ source: 'MEETING_DECISION', leadUnitId: s.dept.id, deadline: decision.deadline, alreadyItemId: null })
    await expectAppError(decisionAsSupervisionSource(db(), s.colleague, decision.id), 'not_found')
    await expectAppError(draftMeetingDocument(db(), s.invitee, s.meetingId, 'minutes', buildContext()), 'forbidden')
  })
})
