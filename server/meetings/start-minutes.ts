import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { formatShanghai, shanghaiTime } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { notifyRealtimeUpdate } from '../core/events.ts'
import type { RequestContext } from '../core/request-context.ts'
import { appendUpdate, BODY_FRAGMENT, bodySchema } from '../coediting/index.ts'
import { lockMeeting } from './lock-meeting.ts'
import { meetingPolicy } from './policy.ts'
import { minutesDocName } from './minutes-access.ts'

const p = (text = ''): JSONContent => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })
const h = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text }] })

/** Has anyone started the meeting's minutes (anything stored for them on the co-editing server)? */
export async function minutesStarted(db: Db | Tx, meetingId: string): Promise<boolean> {
  const doc = minutesDocName(meetingId)
  const [row] = await db.$queryRaw<{ started: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "RealtimeUpdate" WHERE "docName" = ${doc}) OR EXISTS (SELECT 1 FROM "RealtimeSnapshot" WHERE "docName" = ${doc}) AS started`
  return !!row?.started
}

/**
 * Start the meeting's minutes (纪要) on its page, during or after the meeting: the co-edited draft
 * `meeting-minutes:<id>` gets a body prefilled from the meeting (time, place, chair, agenda, the
 * decisions so far) once; later calls change nothing. The managers and the chair (`minutesRight`)
 * then co-edit it on the meeting page's 纪要 tab, and one action issues it as a 纪要 document
 * (`draftMeetingDocument`). Under the meeting's row lock, so two starts at once prefill once; an
 * editor already open on the empty draft receives the prefill through `notifyRealtimeUpdate`.
 */
export async function startMinutes(db: Db, actor: Actor, meetingId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const meeting = await lockMeeting(tx, actor, meetingId)
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { path: true } })
    if (!meetingPolicy.mayManageMeeting(actor, meeting, unit) && meeting.chairId !== actor.personId) throw new AppError('forbidden')
    if (meeting.status === 'CANCELLED') throw new AppError('meeting.cancelled')
    if (meeting.minutesDocumentId) throw new AppError('meeting.minutes_issued')
    if (await minutesStarted(tx, meetingId)) return { started: false }
    const [agenda, decisions, chair] = await Promise.all([
      tx.meetingAgendaItem.findMany({ where: { meetingId }, orderBy: { position: 'asc' } }),
      tx.meetingDecision.findMany({ where: { meetingId }, orderBy: { createdAt: 'asc' } }),
      tx.person.findUniqueOrThrow({ where: { id: meeting.chairId }, select: { name: true } }),
    ])
    const owners = new Map((await tx.unit.findMany({ where: { id: { in: decisions.map((d) => d.ownerUnitId) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
    const body: JSONContent[] = [
      p(`${formatShanghai(meeting.startsAt)}–${shanghaiTime(meeting.endsAt)}，${chair.name}主持召开${meeting.title}${meeting.location ? `（${meeting.location}）` : ''}。现将会议议定事项纪要如下：`),
      ...(agenda.length ? agenda.map((a) => h(a.title)) : [h('……')]),
      p(),
      ...decisions.map((d) => p(`${d.text}（${owners.get(d.ownerUnitId) ?? ''}负责，${formatShanghai(d.deadline).slice(0, 10)}前）`)),
    ]
    const doc = minutesDocName(meetingId)
    const id = await appendUpdate(tx, { docName: doc, update: Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(bodySchema(), { type: 'doc', content: body }, BODY_FRAGMENT)), personId: actor.personId })
    await notifyRealtimeUpdate(tx, doc, id)
    await recordAudit(tx, { actor, action: 'meeting.minutes_start', objectType: 'Meeting', objectId: meetingId, context })
    return { started: true }
  })
}
