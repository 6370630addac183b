import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { reportPolicy, reportViewerOf, type ReportViewer } from './policy.ts'
import type { Definition } from './definition.ts'

/**
 * A submission as its viewer may see it, or not found: the collecting office, or the unit's own
 * fillers and reviewers. `forUpdate` locks the row first (every transition), `revision` refuses a
 * change made over someone else's (two people of a unit editing one draft).
 */
export async function loadSubmission(tx: Tx | Db, actor: Actor, id: string, opts: { forUpdate?: boolean; revision?: number; viewer?: ReportViewer } = {}) {
  if (opts.forUpdate) await tx.$queryRaw`SELECT id FROM "ReportSubmission" WHERE id = ${id}::uuid FOR UPDATE`
  const s = await tx.reportSubmission.findUnique({
    where: { id },
    include: {
      unit: { select: { id: true, name: true, path: true } },
      collection: { select: { id: true, title: true, deadline: true, ownerUnitId: true, createdById: true, period: true, version: { select: { id: true, version: true, definition: true, templateId: true } } } },
    },
  })
  if (!s) throw new AppError('not_found')
  const viewer = opts.viewer ?? await reportViewerOf(tx, actor)
  const isOffice = reportPolicy.isOffice(viewer, s.collection)
  const isUnit = reportPolicy.isUnit(actor, s.unit)
  if (!isOffice && !isUnit) throw new AppError('not_found')
  if (opts.revision !== undefined && opts.revision !== s.revision) throw new AppError('reporting.stale')
  return { ...s, definition: s.collection.version.definition as Definition, isOffice, mayFill: reportPolicy.mayFill(actor, s.unit), mayReview: reportPolicy.mayReview(actor, s.unit) }
}
