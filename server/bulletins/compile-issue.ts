import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, shanghaiYear } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { appendUpdate, BODY_FRAGMENT, bodySchema } from '../coediting/index.ts'
import { bodyDocName, createDocument, nextSequence } from '../documents/index.ts'
import { bulletinPolicy, bulletinViewerOf } from './policy.ts'
import { compileIssueInput, type CompileIssueInput } from './schemas.ts'

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const h = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text }] })

/** 政务信息 2026年第3期: the office's issues are numbered per year with the documents' counters (gapless). */
export const issueTitle = (name: string, year: number, sequence: number) => `${name}（${year}年第${sequence}期）`

/**
 * 编发: the office compiles adopted items into the next issue of its bulletin. The issue takes its
 * number in the transaction that claims the items (a counter row per office and year, as documents are
 * numbered), then goes out as an official document through the documents module: a draft in the
 * office's organisation with the items as its body, which follows the organisation's workflow
 * (sign-off, number, seal, distribution) from its document page.
 */
export async function compileIssue(db: Db, actor: Actor, input: CompileIssueInput, context: RequestContext) {
  const f = compileIssueInput.parse(input)
  const viewer = await bulletinViewerOf(db, actor)
  if (!bulletinPolicy.isOffice(viewer, { officeUnitId: f.officeUnitId })) throw new AppError('not_found')
  const now = clock.now()
  const year = shanghaiYear(now)
  const issue = await db.$transaction(async (tx) => {
    const items = await tx.$queryRaw<{ id: string; title: string; body: string; unitId: string; status: string; issueId: string | null; officeUnitId: string }[]>`
      SELECT id, title, body, "unitId", status::text AS status, "issueId", "officeUnitId" FROM "BulletinItem" WHERE id = ANY(${f.itemIds}::uuid[]) ORDER BY "submittedAt" FOR UPDATE`
    if (items.length !== new Set(f.itemIds).size || items.some((i) => i.officeUnitId !== f.officeUnitId)) throw new AppError('not_found')
    if (items.some((i) => i.status !== 'ADOPTED' || i.issueId)) throw new AppError('bulletin.nothing_selected')
    const sequence = await nextSequence(tx, `bulletin:${f.officeUnitId}:${f.name}`, year)
    const created = await tx.bulletinIssue.create({ data: { officeUnitId: f.officeUnitId, year, sequence, title: issueTitle(f.name, year, sequence), createdById: actor.personId, createdAt: now } })
    await tx.bulletinItem.updateMany({ where: { id: { in: f.itemIds } }, data: { issueId: created.id } })
    await recordAudit(tx, { actor, action: 'bulletin.issue', objectType: 'BulletinIssue', objectId: created.id, details: { title: created.title, items: items.length }, context })
    return { ...created, items }
  })
  const documentId = await issueAsDocument(db, actor, issue, context)
  return { issueId: issue.id, title: issue.title, documentId }
}

/** The issue as an outgoing document (通报) drafted in the office (or the compiler's own unit). */
async function issueAsDocument(db: Db, actor: Actor, issue: { id: string; title: string; officeUnitId: string; items: { title: string; body: string; unitId: string }[] }, context: RequestContext) {
  const own = await db.post.findFirst({ where: { personId: actor.personId, unit: { isActive: true, OR: [{ id: issue.officeUnitId }, { path: { contains: `/${issue.officeUnitId}/` } }] } }, orderBy: { isPrimary: 'desc' }, select: { unitId: true } })
    ?? await db.post.findFirst({ where: { personId: actor.personId, unit: { isActive: true } }, orderBy: { isPrimary: 'desc' }, select: { unitId: true } })
  if (!own) return null
  const units = new Map((await db.unit.findMany({ where: { id: { in: issue.items.map((i) => i.unitId) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  const created = await createDocument(db, actor, { kind: 'CIRCULAR', title: issue.title, unitId: own.unitId, mainRecipients: '各有关单位', marking: 'NONE' }, context)
  const body: JSONContent[] = issue.items.flatMap((i) => [h(i.title), ...i.body.split(/\n+/).filter(Boolean).map(p), p(`（${units.get(i.unitId) ?? ''}报送）`)])
  const update = Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(bodySchema(), { type: 'doc', content: body }, BODY_FRAGMENT))
  await db.$transaction(async (tx) => {
    await appendUpdate(tx, { docName: bodyDocName(created.id), update, personId: actor.personId })
    await tx.bulletinIssue.update({ where: { id: issue.id }, data: { documentId: created.id } })
  })
  return created.id
}

/** The office's issues, newest first. */
export async function listIssues(db: Db, actor: Actor) {
  const viewer = await bulletinViewerOf(db, actor)
  if (!viewer.officeUnitIds.length) return []
  return db.bulletinIssue.findMany({ where: { officeUnitId: { in: viewer.officeUnitIds } }, orderBy: [{ year: 'desc' }, { createdAt: 'desc' }], take: 50, include: { _count: { select: { items: true } } } })
}
