import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { formatShanghai, shanghaiTime } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { appendUpdate, BODY_FRAGMENT, bodySchema, loadDocument } from '../coediting/index.ts'
import { bodyDocName, createDocument } from '../documents/index.ts'
import { lockMeeting } from './lock-meeting.ts'
import { meetingRoll, type RollRow } from './meeting-roll.ts'
import { minutesDocName } from './minutes-access.ts'
import { minutesStarted } from './start-minutes.ts'

const p = (text = ''): JSONContent => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })
const h = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text }] })

/** The drafting unit: the actor's post in the organiser unit, else their primary post (documents need one of their own units). */
async function draftingUnit(db: Db, actor: Actor, organiserUnitId: string) {
  const post = await db.post.findFirst({ where: { personId: actor.personId, unit: { isActive: true } }, orderBy: [{ isPrimary: 'desc' }], select: { unitId: true } })
  const own = await db.post.findFirst({ where: { personId: actor.personId, unitId: organiserUnitId } })
  const unitId = own?.unitId ?? post?.unitId
  if (!unitId) throw new AppError('document.not_your_unit')
  return unitId
}

/** The attendance sheet (签到 and 回执) per unit, as the minutes end: present, late, absent, substitute, on leave. */
function attendanceSheet(groups: { unitName: string; rows: RollRow[] }[]): JSONContent[] {
  const lines = groups.map((g) => {
    const names = (pick: (r: RollRow) => boolean) => g.rows.filter(pick).map((r) => (r.substituteFor ? `${r.name}（代${r.substituteFor}）` : r.name)).join('、')
    const parts = [
      ['出席', names((r) => r.attendance === 'present' || r.attendance === 'expected')],
      ['迟到', names((r) => r.attendance === 'late')],
      ['缺席', names((r) => r.attendance === 'absent')],
      ['委派他人参会', names((r) => r.attendance === 'substitute')],
      ['请假', names((r) => r.attendance === 'declined')],
    ].filter(([, list]) => list).map(([label, list]) => `${label}：${list}`)
    return p(`${g.unitName || '其他'}　${parts.join('；') || '无'}`)
  })
  return [h('出席情况'), ...lines]
}

/**
 * Issue a document about the meeting through the documents module: a 会议通知 (kind 通知) prefilled
 * from the meeting, or the 纪要 (kind 纪要) prefilled with the decisions and the attendance sheet.
 * Minutes started on the meeting page (`startMinutes`, co-edited there) become the document's body as
 * they stand, with the attendance sheet per unit added; otherwise the body is prefilled as before.
 * The document is then co-edited on its page and goes through the organisation's workflow; the
 * meeting's draft turns read-only (`minutesRight`). One action: the document, its body, the link.
 */
export async function draftMeetingDocument(db: Db, actor: Actor, meetingId: string, kind: 'notice' | 'minutes', context: RequestContext) {
  const meeting = await db.$transaction((tx) => lockMeeting(tx, actor, meetingId, { manage: true }))
  const existing = kind === 'notice' ? meeting.noticeDocumentId : meeting.minutesDocumentId
  if (existing) return { documentId: existing, created: false }
  const [agenda, decisions, units, roll] = await Promise.all([
    db.meetingAgendaItem.findMany({ where: { meetingId }, orderBy: { position: 'asc' } }),
    db.meetingDecision.findMany({ where: { meetingId }, orderBy: { createdAt: 'asc' } }),
    db.meetingUnit.findMany({ where: { meetingId } }),
    meetingRoll(db, actor, meetingId),
  ])
  const unitNames = new Map((await db.unit.findMany({ where: { id: { in: [...units.map((u) => u.unitId), ...decisions.map((d) => d.ownerUnitId)] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  const when = `${formatShanghai(meeting.startsAt)}–${shanghaiTime(meeting.endsAt)}`
  const rows = roll.groups.flatMap((g) => g.rows.map((r) => ({ ...r, unitName: g.unitName })))
  // The minutes as co-edited on the meeting page (what everyone sees there now), if they were started.
  const draft = kind === 'minutes' && (await minutesStarted(db, meetingId))
    ? ((yXmlFragmentToProsemirrorJSON((await loadDocument(db, minutesDocName(meetingId))).getXmlFragment(BODY_FRAGMENT)) as JSONContent).content ?? [])
    : null
  const body: JSONContent[] = kind === 'notice'
    ? [
        p(`经研究，定于${when}召开${meeting.title}。现将有关事项通知如下。`),
        h('会议时间'), p(when),
        h('会议地点'), p(meeting.location || (meeting.kind === 'VIDEO' ? '视频会议' : '另行通知')),
        h('参会人员'), p([...units.map((u) => unitNames.get(u.unitId) ?? ''), ...rows.filter((r) => !r.unitId || !units.some((u) => u.unitId === r.unitId)).map((r) => r.name)].filter(Boolean).join('、')),
        ...(agenda.length ? [h('会议议程'), ...agenda.map((a, i) => p(`${i + 1}. ${a.title}（${a.minutes} 分钟）`))] : []),
        h('有关要求'), p(`请于${meeting.rsvpDeadline ? formatShanghai(meeting.rsvpDeadline) : '会前'}前在平台上回执参会情况；单位报名的请确定参会人员。`),
        p('特此通知。'),
      ]
    : draft
      ? [...draft, ...attendanceSheet(roll.groups)]
      : [
        p(`${when}，召开${meeting.title}。现将会议议定事项纪要如下：`),
        ...(decisions.length ? decisions.map((d) => h(`${d.text}（${unitNames.get(d.ownerUnitId) ?? ''}负责，${formatShanghai(d.deadline).slice(0, 10)}前）`)) : [h('……'), p()]),
        ...attendanceSheet(roll.groups),
      ]
  const title = kind === 'notice' ? `关于召开${meeting.title}的通知` : `${meeting.title}纪要`
  const created = await createDocument(db, actor, {
    kind: kind === 'notice' ? 'NOTICE' : 'MINUTES', title, unitId: await draftingUnit(db, actor, meeting.organiserUnitId),
    mainRecipients: kind === 'notice' ? [...units.map((u) => unitNames.get(u.unitId) ?? '')].filter(Boolean).join('，').slice(0, 500) : '',
    marking: meeting.marking,
  }, context)
  const update = Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(bodySchema(), { type: 'doc', content: body }, BODY_FRAGMENT))
  await db.$transaction(async (tx) => {
    await appendUpdate(tx, { docName: bodyDocName(created.id), update, personId: actor.personId })
    await tx.meeting.update({ where: { id: meetingId }, data: kind === 'notice' ? { noticeDocumentId: created.id } : { minutesDocumentId: created.id } })
    await recordAudit(tx, { actor, action: kind === 'notice' ? 'meeting.notice_issue' : 'meeting.minutes_issue', objectType: 'Meeting', objectId: meetingId, details: { document: created.id }, context })
  })
  return { documentId: created.id, created: true }
}
