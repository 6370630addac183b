import type { z } from 'zod'
import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { bulletinViewerOf } from './policy.ts'
import { bulletinRanking } from './ranking.ts'
import { rankingInput } from './schemas.ts'

/**
 * 发布信息排名: the office freezes its unit ranking over a period as a snapshot (as supervision's
 * 晾晒 ranking is published), which everyone then reads and exports as it was. The office is the unit
 * of the publisher's report.collect grant; its items only. Audited.
 */
export async function publishBulletinRanking(db: Db, actor: Actor, input: z.input<typeof rankingInput>, context: RequestContext) {
  const f = rankingInput.parse(input)
  const viewer = await bulletinViewerOf(db, actor)
  const grant = actor.grants.find((g) => g.permissions.includes('report.collect'))
  const officeUnitId = grant?.scopePath.split('/').filter(Boolean).at(-1)
  if (!officeUnitId || !viewer.officeUnitIds.includes(officeUnitId)) throw new AppError('forbidden')
  return db.$transaction(async (tx) => {
    const rows = await bulletinRanking(tx, actor, f, { officeUnitId })
    if (!rows.length) throw new AppError('bulletin.ranking_empty')
    const ranking = await tx.bulletinRanking.create({ data: { officeUnitId, periodFrom: f.from, periodTo: f.to, rows, publishedById: actor.personId, publishedAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'bulletin.publish_ranking', objectType: 'BulletinRanking', objectId: ranking.id, details: { from: f.from, to: f.to, units: rows.length }, context })
    return { id: ranking.id }
  })
}
