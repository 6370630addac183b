import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, endOfShanghaiDay } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { reportViewerOf } from './policy.ts'
import { periodAt, periodDeadline, periodLabel, type Period } from './periods.ts'
import { giveFillWork } from './work.ts'
import { createCollectionInput, type CreateCollectionInput } from './schemas.ts'

/** The units an office collects from: everything under the organisation the office serves (its parent). */
export function reachOf(officePath: string): string {
  const ids = officePath.split('/').filter(Boolean)
  return ids.length > 1 ? `/${ids.slice(0, -1).join('/')}/` : officePath
}

type NewCollection = { versionId: string; ownerUnitId: string; title: string; deadline: Date; createdById: string; seriesId?: string; period?: string; unitIds: string[]; now: Date }

/**
 * One collection with a NOT_STARTED submission per unit and each unit's 待办 to fill. A period of a
 * series is unique by (series, period): a second attempt (two job runs) inserts nothing and returns null.
 */
export async function insertCollection(tx: Tx, c: NewCollection): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "ReportCollection" (id, "versionId", "seriesId", period, "ownerUnitId", title, deadline, "createdById", "createdAt")
    VALUES (gen_random_uuid(), ${c.versionId}::uuid, ${c.seriesId ?? null}::uuid, ${c.period ?? ''}, ${c.ownerUnitId}::uuid, ${c.title}, ${c.deadline}, ${c.createdById}::uuid, ${c.now})
    ON CONFLICT ("seriesId", period) DO NOTHING RETURNING id`
  if (!row) return null
  const subs = await tx.$queryRaw<{ id: string; unitId: string; round: number }[]>`
    INSERT INTO "ReportSubmission" (id, "collectionId", "unitId")
    SELECT gen_random_uuid(), ${row.id}::uuid, u FROM unnest(${c.unitIds}::uuid[]) u
    RETURNING id, "unitId", round`
  await giveFillWork(tx, subs, { title: c.title, deadline: c.deadline }, '')
  return row.id
}

/** A series' collection for the period containing `at` (the cycle job and the first period at creation). */
export async function ensurePeriodCollection(tx: Tx, seriesId: string, at: Date): Promise<{ id: string | null; period: Period }> {
  // Locked, so a series being stopped (stopSeries) either finishes first or waits for this period.
  await tx.$queryRaw`SELECT id FROM "ReportSeries" WHERE id = ${seriesId}::uuid FOR SHARE`
  const s = await tx.reportSeries.findUniqueOrThrow({ where: { id: seriesId } })
  if (s.cycle === 'ONCE') throw new AppError('validation')
  if (!s.isActive) return { id: null, period: periodAt(s.cycle, at) }
  const period = periodAt(s.cycle, at)
  const units = await tx.unit.findMany({ where: { id: { in: s.unitIds }, isActive: true }, select: { id: true } })
  const id = await insertCollection(tx, {
    versionId: s.versionId, ownerUnitId: s.ownerUnitId, title: `${s.title}（${periodLabel(period.key)}）`, deadline: periodDeadline(period, s.deadlineDays),
    createdById: s.createdById, seriesId: s.id, period: period.key, unitIds: units.map((u) => u.id), now: at,
  })
  return { id, period }
}

/**
 * 发起报送: send a template version to units picked from the tree, or to every unit at a level below
 * one, once with a deadline or on a cycle (each period its own collection, the first one now). The
 * units must lie inside the organisation the office serves.
 */
export async function createCollection(db: Db, actor: Actor, input: CreateCollectionInput, context: RequestContext) {
  const f = createCollectionInput.parse(input)
  const viewer = await reportViewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const version = await tx.reportTemplateVersion.findUnique({ where: { id: f.versionId }, select: { id: true, template: { select: { ownerUnitId: true } } } })
    if (!version || !viewer.officeUnitIds.includes(version.template.ownerUnitId)) throw new AppError('not_found')
    const office = await tx.unit.findUniqueOrThrow({ where: { id: version.template.ownerUnitId }, select: { path: true } })
    const reach = reachOf(office.path)
    let unitIds = f.unitIds
    if (f.below) {
      const base = await tx.unit.findUnique({ where: { id: f.below.unitId }, select: { path: true, depth: true } })
      if (!base) throw new AppError('not_found')
      unitIds = [...new Set([...unitIds, ...(await tx.unit.findMany({ where: { path: { startsWith: base.path }, depth: base.depth + f.below.depth, isActive: true }, select: { id: true } })).map((u) => u.id)])]
    }
    const units = await tx.unit.findMany({ where: { id: { in: unitIds }, isActive: true }, select: { id: true, path: true } })
    if (units.length !== new Set(unitIds).size || units.some((u) => !u.path.startsWith(reach))) throw new AppError('reporting.unit_out_of_reach')
    if (units.length === 0) throw new AppError('validation')
    let collectionId: string
    if (f.cycle === 'ONCE') {
      collectionId = (await insertCollection(tx, { versionId: f.versionId, ownerUnitId: version.template.ownerUnitId, title: f.title, deadline: endOfShanghaiDay(f.deadline!), createdById: actor.personId, unitIds: units.map((u) => u.id), now }))!
    } else {
      const series = await tx.reportSeries.create({ data: { versionId: f.versionId, ownerUnitId: version.template.ownerUnitId, title: f.title, cycle: f.cycle, unitIds: units.map((u) => u.id), deadlineDays: f.deadlineDays, createdById: actor.personId, createdAt: now } })
      collectionId = (await ensurePeriodCollection(tx, series.id, now)).id!
    }
    await recordAudit(tx, { actor, action: 'reporting.collection_create', objectType: 'ReportCollection', objectId: collectionId, details: { title: f.title, cycle: f.cycle, units: units.length }, context })
    return { collectionId }
  })
}
