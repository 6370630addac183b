import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { escapeLike } from '../core/strings.ts'
import { supervisionPolicy, visibleWhere, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { lightOf } from './light.ts'

/** Everything the item page shows, for a viewer who may see it, with what they may do. */
export async function getItem(db: Db, actor: Actor, id: string) {
  const viewer = await viewerOf(db, actor)
  const item = await loadItem(db, viewer, id)
  const now = clock.now()
  const [children, parent, indicators, reports, urges, events] = await Promise.all([
    db.supervisionItem.findMany({ where: { AND: [{ parentId: id }, visibleWhere(viewer)] }, orderBy: { createdAt: 'asc' }, select: { id: true, title: true, status: true, deadline: true, nextReportDueAt: true, progress: true, assignments: { select: { unit: { select: { name: true } } } } } }),
    item.parentId ? db.supervisionItem.findFirst({ where: { AND: [{ id: item.parentId }, visibleWhere(viewer)] }, select: { id: true, title: true } }) : null,
    db.supervisionIndicator.findMany({ where: { itemId: id }, orderBy: { sortOrder: 'asc' } }),
    db.supervisionReport.findMany({ where: { itemId: id }, orderBy: { createdAt: 'desc' }, take: 50, include: { photos: { select: { id: true, width: true, height: true } }, videos: { select: { id: true, mime: true, durationSeconds: true, hasPoster: true }, orderBy: { createdAt: 'asc' } } } }),
    db.supervisionUrge.findMany({ where: { itemId: id }, orderBy: { createdAt: 'desc' }, take: 50 }),
    db.supervisionEvent.findMany({ where: { itemId: id }, orderBy: { id: 'desc' }, take: 100 }),
  ])
  const personIds = [...new Set([item.supervisorId, item.createdById, ...item.assignments.map((a) => a.ownerId), ...reports.map((r) => r.authorId), ...urges.map((u) => u.toPersonId), ...events.map((e) => e.actorId)].filter((x): x is string => !!x))]
  const names = new Map((await db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  const isOffice = supervisionPolicy.isOffice(viewer, item)
  const answerable = item.assignments.filter((a) => a.status === 'PENDING' && supervisionPolicy.mayAnswer(viewer, a))
  const members = new Map<string, { id: string; name: string }[]>()
  for (const a of answerable) {
    members.set(a.id, await db.person.findMany({ where: { isActive: true, posts: { some: { unit: { path: { startsWith: escapeLike(a.unit.path) } } } } }, select: { id: true, name: true }, orderBy: { sortOrder: 'asc' }, take: 200 }))
  }
  const reporting = item.assignments.filter((a) => supervisionPolicy.mayReport(viewer, a))
  const [document, notice] = await Promise.all([
    item.sourceDocumentId ? db.document.findUnique({ where: { id: item.sourceDocumentId }, select: { id: true, title: true } }) : null,
    item.noticeDocumentId ? db.document.findUnique({ where: { id: item.noticeDocumentId }, select: { id: true, title: true, number: true, status: true } }) : null,
  ])
  return {
    ...item,
    light: lightOf(item, now),
    supervisorName: item.supervisorId ? names.get(item.supervisorId) ?? '' : '',
    assignments: item.assignments.map((a) => ({ ...a, ownerName: a.ownerId ? names.get(a.ownerId) ?? '' : '', mayAnswer: answerable.includes(a), members: members.get(a.id) ?? [] })),
    children: children.map((c) => ({ ...c, light: lightOf(c, now), units: c.assignments.map((a) => a.unit.name) })),
    parent, indicators, document,
    /** The 督办通知, for the office (the units see it once it is distributed to them, as any document). */
    notice: isOffice ? notice : null,
    reports: reports.map((r) => ({ ...r, authorName: names.get(r.authorId) ?? '' })),
    urges: urges.map((u) => ({ ...u, toName: names.get(u.toPersonId) ?? '', unitName: item.assignments.find((a) => a.unitId === u.unitId)?.unit.name ?? '' })),
    events: events.map((e) => ({ id: String(e.id), action: e.action, at: e.at, actorName: e.actorId ? names.get(e.actorId) ?? '' : '', details: e.details as Record<string, unknown> })),
    may: {
      open: isOffice && item.status === 'DRAFT',
      decompose: isOffice && item.status === 'IN_PROGRESS',
      urge: isOffice && item.status === 'IN_PROGRESS',
      review: isOffice && item.status === 'COMPLETION_REQUESTED',
      completeDirectly: isOffice && item.status === 'IN_PROGRESS',
      rate: isOffice && item.status === 'COMPLETED',
      comment: isOffice,
      notice: supervisionPolicy.mayDraftNotice(viewer, item),
      report: item.status === 'IN_PROGRESS' && reporting.length > 0,
      requestCompletion: item.status === 'IN_PROGRESS' && reporting.some((a) => a.role === 'LEAD'),
    },
  }
}

export type ItemView = Awaited<ReturnType<typeof getItem>>
