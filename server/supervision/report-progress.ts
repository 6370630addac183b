import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { nextReportDue } from './cycle.ts'
import { itemUrl, MORE_OBJECT, OBJECT_TYPE, recordEvent, REPORT_DUE_OBJECT } from './timeline.ts'
import { commentInput, reportInput, type ReportInput } from './schemas.ts'
import type { z } from 'zod'

/** Parents roll progress up from their children (the mean of the children's percent), to the root. */
export async function rollUp(tx: Tx, path: string): Promise<void> {
  const ancestors = path.split('/').filter(Boolean).slice(0, -1).reverse()
  for (const id of ancestors) {
    await tx.$executeRaw`UPDATE "SupervisionItem" p SET progress = COALESCE((SELECT ROUND(AVG(c.progress))::int FROM "SupervisionItem" c WHERE c."parentId" = p.id), p.progress) WHERE p.id = ${id}::uuid`
  }
}

/**
 * 进展反馈 by the owner (or the unit's head): text, percent, indicator values, problems, photos
 * uploaded before. After the report date it counts as late. Sent again with the same `clientKey`
 * (a phone reconnecting), it is stored once. Answers any open urge for the unit.
 */
export async function reportProgress(db: Db, actor: Actor, itemId: string, input: ReportInput, context: RequestContext) {
  const f = reportInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    if (f.clientKey) {
      const again = await tx.supervisionReport.findUnique({ where: { clientKey: f.clientKey }, select: { id: true, itemId: true, authorId: true } })
      if (again && again.authorId === actor.personId && again.itemId === itemId) return { id: again.id, duplicate: true }
      if (again) throw new AppError('conflict')
    }
    const item = await loadItem(tx, viewer, itemId, { forUpdate: true })
    const a = item.assignments.filter((x) => supervisionPolicy.mayReport(viewer, x)).sort((x, y) => (x.role === 'LEAD' ? -1 : 1) - (y.role === 'LEAD' ? -1 : 1))[0]
    if (!a) throw new AppError('supervision.not_owner')
    if (item.status !== 'IN_PROGRESS') throw new AppError('supervision.not_open')
    const photos = f.photoIds.length ? await tx.supervisionPhoto.findMany({ where: { id: { in: f.photoIds }, itemId, uploadedById: actor.personId, reportId: null }, select: { id: true } }) : []
    if (photos.length !== new Set(f.photoIds).size) throw new AppError('not_found')
    const videos = f.videoIds.length ? await tx.supervisionVideo.findMany({ where: { id: { in: f.videoIds }, itemId, uploadedById: actor.personId, reportId: null }, select: { id: true } }) : []
    if (videos.length !== new Set(f.videoIds).size) throw new AppError('not_found')
    const dueAt = item.nextReportDueAt
    const late = !!dueAt && now.getTime() > dueAt.getTime()
    const report = await tx.supervisionReport.create({
      data: { itemId, authorId: actor.personId, unitId: a.unitId, officeUnitId: item.officeUnitId, text: f.text, percent: f.percent, problems: f.problems, values: f.values, dueAt, late, clientKey: f.clientKey ?? null, createdAt: now },
    })
    if (photos.length) await tx.supervisionPhoto.updateMany({ where: { id: { in: photos.map((p) => p.id) } }, data: { reportId: report.id } })
    if (videos.length) await tx.supervisionVideo.updateMany({ where: { id: { in: videos.map((v) => v.id) } }, data: { reportId: report.id } })
    const indicators = await tx.supervisionIndicator.findMany({ where: { itemId }, select: { id: true } })
    for (const ind of indicators) {
      const value = f.values[ind.id]
      if (value !== undefined) await tx.supervisionIndicator.update({ where: { id: ind.id }, data: { current: value } })
    }
    const next = nextReportDue(item, dueAt && !late ? dueAt : now)
    await tx.supervisionItem.update({ where: { id: itemId }, data: { progress: f.percent, lastReportAt: now, nextReportDueAt: next, revision: { increment: 1 } } })
    await rollUp(tx, item.path)
    await tx.supervisionUrge.updateMany({ where: { itemId, unitId: a.unitId, respondedAt: null }, data: { respondedAt: now } })
    if (dueAt) await completeInboxItems(tx, { objectType: REPORT_DUE_OBJECT, objectId: `${itemId}:${dueAt.toISOString()}` })
    await completeInboxItems(tx, { objectType: MORE_OBJECT, objectId: itemId, personId: actor.personId })
    await recordEvent(tx, itemId, actor.personId, 'REPORTED', { reportId: report.id, percent: f.percent, late, unit: a.unit.name, photos: photos.length, videos: videos.length })
    await recordAudit(tx, { actor, action: 'supervision.report', objectType: OBJECT_TYPE, objectId: itemId, details: { reportId: report.id, percent: f.percent, late }, context })
    return { id: report.id, duplicate: false }
  })
}

/** The supervisor comments on a report, or asks for more (补充材料): a 待办 back to its author. */
export async function commentReport(db: Db, actor: Actor, reportId: string, input: z.input<typeof commentInput>, context: RequestContext) {
  const f = commentInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const report = await tx.supervisionReport.findUnique({ where: { id: reportId }, select: { id: true, itemId: true, authorId: true } })
    if (!report) throw new AppError('not_found')
    const item = await loadItem(tx, viewer, report.itemId, { forUpdate: true })
    if (!supervisionPolicy.isOffice(viewer, item)) throw new AppError('not_found')
    await tx.supervisionReport.update({ where: { id: reportId }, data: { comment: f.comment, moreRequested: f.moreRequested, commentedById: actor.personId, commentedAt: now } })
    if (f.moreRequested) {
      await createInboxItems(tx, [{ personId: report.authorId, kind: 'TODO', module: 'supervision', objectType: MORE_OBJECT, objectId: item.id, title: `补充材料：${item.title}`, source: `${actor.name}：${f.comment}`, url: itemUrl(item.id), dueAt: item.deadline }])
    }
    await recordEvent(tx, item.id, actor.personId, f.moreRequested ? 'MORE_REQUESTED' : 'COMMENTED', { reportId, comment: f.comment })
    await recordAudit(tx, { actor, action: 'supervision.comment', objectType: OBJECT_TYPE, objectId: item.id, details: { reportId, moreRequested: f.moreRequested }, context })
    return { ok: true }
  })
}
