import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { reportViewerOf } from './policy.ts'

/**
 * 停止周期报送: the office ends a cycle. The series is locked and marked inactive, so the sweep
 * (which locks it too, `ensurePeriodCollection`) makes no further period; collections already sent
 * stay as they are. Only the office that owns it (report.collect over its unit); anyone else: not found.
 */
export async function stopSeries(db: Db, actor: Actor, seriesId: string, context: RequestContext) {
  if (!isUuid(seriesId)) throw new AppError('not_found')
  const viewer = await reportViewerOf(db, actor)
  return db.$transaction(async (tx) => {
    const [s] = await tx.$queryRaw<{ id: string; ownerUnitId: string; isActive: boolean; title: string }[]>`
      SELECT id, "ownerUnitId"::text AS "ownerUnitId", "isActive", title FROM "ReportSeries" WHERE id = ${seriesId}::uuid FOR UPDATE`
    if (!s || !viewer.officeUnitIds.includes(s.ownerUnitId)) throw new AppError('not_found')
    if (!s.isActive) throw new AppError('reporting.series_stopped')
    await tx.reportSeries.update({ where: { id: s.id }, data: { isActive: false } })
    const periods = await tx.reportCollection.count({ where: { seriesId: s.id } })
    await recordAudit(tx, { actor, action: 'reporting.series_stop', objectType: 'ReportSeries', objectId: s.id, details: { title: s.title, periods, at: clock.now() }, context })
    return { ok: true }
  })
}
