import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { rollUp } from './report-progress.ts'
import { itemUrl, OBJECT_TYPE, recordEvent, REVIEW_OBJECT } from './timeline.ts'
import { completionInput, rateInput, reviewInput } from './schemas.ts'
import type { z } from 'zod'

/** 办结申请 by the lead unit's owner (or head), with a summary; open sub-items must finish first. */
export async function requestCompletion(db: Db, actor: Actor, itemId: string, input: z.input<typeof completionInput>, context: RequestContext) {
  const f = completionInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const item = await loadItem(tx, viewer, itemId, { forUpdate: true, revision: f.revision })
    const lead = item.assignments.find((a) => a.role === 'LEAD' && supervisionPolicy.mayReport(viewer, a))
    if (!lead) throw new AppError('supervision.not_owner')
    if (item.status !== 'IN_PROGRESS') throw new AppError('supervision.not_open')
    if (await tx.supervisionItem.count({ where: { parentId: itemId, status: { not: 'COMPLETED' } } })) throw new AppError('supervision.children_open')
    const updated = await tx.supervisionItem.update({ where: { id: itemId }, data: { status: 'COMPLETION_REQUESTED', completionSummary: f.summary, revision: { increment: 1 } } })
    await tx.supervisionUrge.updateMany({ where: { itemId, respondedAt: null }, data: { respondedAt: now } })
    const reviewers = [...new Set([item.supervisorId, item.createdById].filter((x): x is string => !!x))]
    await createInboxItems(tx, reviewers.slice(0, 1).map((personId) => ({ personId, kind: 'TODO' as const, module: 'supervision', objectType: REVIEW_OBJECT, objectId: `${itemId}:${updated.revision}`, title: `办结审核：${item.title}`, source: lead.unit.name, url: itemUrl(itemId), dueAt: null })))
    await recordEvent(tx, itemId, actor.personId, 'COMPLETION_REQUESTED', { summary: f.summary, unit: lead.unit.name })
    await recordAudit(tx, { actor, action: 'supervision.request_completion', objectType: OBJECT_TYPE, objectId: itemId, context })
    return { revision: updated.revision }
  })
}

/** Complete an item and, when that was the last open child, its parent (and so on up). */
async function complete(tx: Tx, item: { id: string; path: string; parentId: string | null }, actorId: string | null, now: Date, automatic: boolean) {
  await tx.supervisionItem.update({ where: { id: item.id }, data: { status: 'COMPLETED', completedAt: now, progress: 100, nextReportDueAt: null, revision: { increment: 1 } } })
  await completeInboxItems(tx, { objectType: OBJECT_TYPE, objectId: item.id })
  await recordEvent(tx, item.id, actorId, 'COMPLETED', { automatic })
  await rollUp(tx, item.path)
  if (!item.parentId) return
  const open = await tx.supervisionItem.count({ where: { parentId: item.parentId, status: { not: 'COMPLETED' } } })
  if (open > 0) return
  const parent = await tx.supervisionItem.findUniqueOrThrow({ where: { id: item.parentId }, select: { id: true, path: true, parentId: true, status: true } })
  if (parent.status !== 'COMPLETED') await complete(tx, parent, null, now, true)
}

/**
 * The supervisor approves (办结) or sends back (退回, with a reason). The office may also complete an
 * item in progress itself (a parent whose work is done).
 */
export async function reviewCompletion(db: Db, actor: Actor, itemId: string, input: z.input<typeof reviewInput>, context: RequestContext) {
  const f = reviewInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const item = await loadItem(tx, viewer, itemId, { forUpdate: true, revision: f.revision })
    if (!supervisionPolicy.isOffice(viewer, item)) throw new AppError('not_found')
    const requested = item.status === 'COMPLETION_REQUESTED'
    if (!requested && !(f.approve && item.status === 'IN_PROGRESS')) throw new AppError('supervision.not_open')
    if (!f.approve && !f.reason) throw new AppError('supervision.reason_required')
    await completeInboxItems(tx, { objectType: REVIEW_OBJECT, objectId: `${itemId}:${item.revision}` })
    if (f.approve) {
      if (await tx.supervisionItem.count({ where: { parentId: itemId, status: { not: 'COMPLETED' } } })) throw new AppError('supervision.children_open')
      await complete(tx, item, actor.personId, now, false)
    } else {
      await tx.supervisionItem.update({ where: { id: itemId }, data: { status: 'IN_PROGRESS', revision: { increment: 1 } } })
      const owners = item.assignments.filter((a) => a.role === 'LEAD' && a.ownerId).map((a) => a.ownerId!)
      await createInboxItems(tx, owners.map((personId) => ({ personId, kind: 'TO_READ' as const, module: 'supervision', objectType: REVIEW_OBJECT, objectId: `${itemId}:${item.revision}:back`, title: `办结退回：${item.title}`, source: `${actor.name}：${f.reason}`, url: itemUrl(itemId) })))
      await recordEvent(tx, itemId, actor.personId, 'SENT_BACK', { reason: f.reason })
    }
    await recordAudit(tx, { actor, action: f.approve ? 'supervision.complete' : 'supervision.send_back', objectType: OBJECT_TYPE, objectId: itemId, details: f.reason ? { reason: f.reason } : {}, context })
    return { ok: true }
  })
}

/** 评价: the office rates a completed item (优秀/良好/一般/较差, optionally a score) with a comment. */
export async function rateItem(db: Db, actor: Actor, itemId: string, input: z.input<typeof rateInput>, context: RequestContext) {
  const f = rateInput.parse(input)
  const viewer = await viewerOf(db, actor)
  return db.$transaction(async (tx) => {
    const item = await loadItem(tx, viewer, itemId, { forUpdate: true })
    if (!supervisionPolicy.isOffice(viewer, item)) throw new AppError('not_found')
    if (item.status !== 'COMPLETED') throw new AppError('supervision.not_open')
    await tx.supervisionItem.update({ where: { id: itemId }, data: { rating: f.rating, score: f.score ?? null, ratingComment: f.comment, revision: { increment: 1 } } })
    await recordEvent(tx, itemId, actor.personId, 'RATED', { rating: f.rating, score: f.score ?? null, comment: f.comment })
    await recordAudit(tx, { actor, action: 'supervision.rate', objectType: OBJECT_TYPE, objectId: itemId, details: { rating: f.rating, score: f.score }, context })
    return { ok: true }
  })
}
