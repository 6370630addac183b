import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, shanghaiDate, shanghaiDaysBetween } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { appendUpdate, BODY_FRAGMENT, bodySchema } from '../coediting/index.ts'
import { bodyDocName, createDocument } from '../documents/index.ts'
import { supervisionPolicy, visibleWhere, viewerOf } from './policy.ts'
import { OBJECT_TYPE, recordEvent } from './timeline.ts'
import { draftNoticeInput, type DraftNoticeInput } from './schemas.ts'

const p = (text = ''): JSONContent => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })
const h = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text }] })
const cnDate = (d: Date) => { const [y, m, day] = shanghaiDate(d).split('-'); return `${y}年${Number(m)}月${Number(day)}日` }

/**
 * 督办通知: the office turns one or several of its items (serious delays) into a formal notice, an
 * outgoing document (kind 通知) through the documents module — so it takes the organisation's route,
 * its number (发文字号) at 编号 and the GB/T 9704 layout — prefilled with each item's requirement, lead
 * and co-units, deadline and days overdue. The items keep `noticeDocumentId` and the document page
 * lists them: linked both ways. Items that already have a notice return it when they all share it.
 */
export async function draftSupervisionNotice(db: Db, actor: Actor, input: DraftNoticeInput, context: RequestContext) {
  const f = draftNoticeInput.parse(input)
  const ids = [...new Set(f.itemIds)]
  const viewer = await viewerOf(db, actor)
  const items = await db.supervisionItem.findMany({
    where: { AND: [{ id: { in: ids } }, visibleWhere(viewer)] }, orderBy: { deadline: 'asc' },
    include: { assignments: { where: { status: { not: 'RETURNED' } }, include: { unit: { select: { name: true } } }, orderBy: { createdAt: 'asc' } } },
  })
  // Not the office's item (or not visible at all): not found, as for any other office action.
  if (items.length !== ids.length || items.some((i) => !supervisionPolicy.isOffice(viewer, i))) throw new AppError('not_found')
  const existing = new Set(items.map((i) => i.noticeDocumentId))
  if (existing.size === 1 && !existing.has(null)) return { documentId: items[0]!.noticeDocumentId!, created: false }
  if ([...existing].some((x) => x !== null)) throw new AppError('supervision.notice_exists')
  if (items.some((i) => !supervisionPolicy.mayDraftNotice(viewer, i))) throw new AppError('supervision.not_open')
  // One notice speaks for one office: items of two offices (an officer over both) are two notices.
  const officeUnitId = items[0]!.officeUnitId
  if (items.some((i) => i.officeUnitId !== officeUnitId)) throw new AppError('supervision.notice_offices')
  const office = await db.unit.findUniqueOrThrow({ where: { id: officeUnitId }, select: { id: true, path: true } })
  // The drafting unit: the actor's post in the office (or under it), else their primary post.
  const own = await db.post.findFirst({ where: { personId: actor.personId, unit: { isActive: true, path: { startsWith: office.path } } }, orderBy: { isPrimary: 'desc' }, select: { unitId: true } })
    ?? await db.post.findFirst({ where: { personId: actor.personId, unit: { isActive: true } }, orderBy: { isPrimary: 'desc' }, select: { unitId: true } })
  if (!own) throw new AppError('document.not_your_unit')

  const now = clock.now()
  const units = (role: 'LEAD' | 'CO', i: (typeof items)[number]) => i.assignments.filter((a) => a.role === role).map((a) => a.unit.name).join('、')
  const recipients = [...new Set(items.flatMap((i) => i.assignments.map((a) => a.unit.name)))]
  const title = items.length === 1 ? `关于督促办理“${items[0]!.title}”的督办通知` : `关于督促办理${items.length}项督办事项的督办通知`
  const body: JSONContent[] = [
    p(`${items.length === 1 ? '下列督办事项' : `下列${items.length}项督办事项`}办理进度滞后，现予督办。请各责任单位高度重视，按要求抓紧办理，并按时报送办理情况。`),
    ...items.flatMap((i, n) => {
      const overdue = i.deadline.getTime() < now.getTime() ? shanghaiDaysBetween(i.deadline, now) : 0
      return [
        h(`${items.length === 1 ? '' : `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n] ?? n + 1}、`}${i.title}`),
        ...(i.requirement ? [p(`督办要求：${i.requirement}`)] : []),
        p(`牵头单位：${units('LEAD', i) || '—'}${units('CO', i) ? `；配合单位：${units('CO', i)}` : ''}`),
        p(`办理时限：${cnDate(i.deadline)}前${overdue > 0 ? `（已超期${overdue}天）` : ''}；当前进度：${i.progress}%`),
      ]
    }),
    h('有关要求'),
    p(`请于收到本通知后3个工作日内报送整改措施和办理计划，办结后及时在平台提交办结申请。逾期未办结的，将按规定予以通报。`),
    p('特此通知。'),
  ]
  const created = await createDocument(db, actor, { kind: 'NOTICE', title: title.slice(0, 200), unitId: own.unitId, mainRecipients: recipients.join('，').slice(0, 500), marking: 'NONE', urgency: 'URGENT' }, context)
  const update = Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(bodySchema(), { type: 'doc', content: body }, BODY_FRAGMENT))
  await db.$transaction(async (tx) => {
    await appendUpdate(tx, { docName: bodyDocName(created.id), update, personId: actor.personId })
    // Claimed under the items' row locks: of two offices drafting at once, the second finds it taken.
    const claimed = await tx.$executeRaw`UPDATE "SupervisionItem" SET "noticeDocumentId" = ${created.id}::uuid, revision = revision + 1 WHERE id = ANY(${ids}::uuid[]) AND "noticeDocumentId" IS NULL`
    if (claimed !== ids.length) throw new AppError('supervision.notice_exists')
    for (const i of items) await recordEvent(tx, i.id, actor.personId, 'NOTICE_DRAFTED', { documentId: created.id, title })
    await recordAudit(tx, { actor, action: 'supervision.notice_draft', objectType: OBJECT_TYPE, objectId: items[0]!.id, details: { document: created.id, items: ids }, context })
  })
  return { documentId: created.id, created: true }
}

/** The items a document is the 督办通知 of, as the viewer may see them (for the document page). */
export async function itemsForNotice(db: Db, actor: Actor, documentId: string) {
  const viewer = await viewerOf(db, actor)
  return db.supervisionItem.findMany({ where: { AND: [{ noticeDocumentId: documentId }, visibleWhere(viewer)] }, orderBy: { deadline: 'asc' }, select: { id: true, title: true }, take: 50 })
}
