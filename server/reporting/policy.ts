import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import { hasPermission, unitIdsInScope, unitPathPatterns, type Actor } from '../core/authz/index.ts'

/**
 * Who sees what in data collection (数据报送), the one rule for pages, lists, exports and charts:
 * - the collecting office: report.collect over a collection's ownerUnitId sees the collection and all
 *   its submissions (templates likewise);
 * - a unit: holders of report.fill or report.review over the unit see that unit's own submissions
 *   (and the collection as far as the unit's submission goes), never another unit's.
 * Nobody else; what may not be seen answers not found.
 */
export type ReportViewer = {
  actor: Actor
  /** Units whose office work (templates, collections, bulletins) the actor does (report.collect). */
  officeUnitIds: string[]
  /** LIKE patterns of the units whose submissions the actor fills or reviews. */
  unitPatterns: string[]
}

export async function reportViewerOf(db: Db | Tx, actor: Actor): Promise<ReportViewer> {
  return {
    actor,
    officeUnitIds: await unitIdsInScope(db, actor, 'report.collect'),
    unitPatterns: [...unitPathPatterns(actor, 'report.fill'), ...unitPathPatterns(actor, 'report.review')],
  }
}

/** Submissions the viewer sees, as SQL over the submission alias `s`, its unit `u` and its collection `c`. */
export function visibleSubmissionsSql(v: ReportViewer): Prisma.Sql {
  const parts: Prisma.Sql[] = []
  if (v.officeUnitIds.length) parts.push(Prisma.sql`c."ownerUnitId" = ANY(${v.officeUnitIds}::uuid[])`)
  if (v.unitPatterns.length) parts.push(Prisma.sql`u.path LIKE ANY(${v.unitPatterns}::text[])`)
  return parts.length ? Prisma.sql`(${Prisma.join(parts, ' OR ')})` : Prisma.sql`FALSE`
}

export const reportPolicy = {
  /** May build templates and send collections somewhere (shows the entry; objects check isOffice). */
  isCollector: (actor: Actor) => hasPermission(actor, 'report.collect'),
  isOffice: (v: ReportViewer, o: { ownerUnitId: string }) => v.officeUnitIds.includes(o.ownerUnitId),
  mayFill: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'report.fill', { unitPath: unit.path }),
  mayReview: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'report.review', { unitPath: unit.path }),
  /** The unit's side of a submission: its fillers and reviewers. */
  isUnit: (actor: Actor, unit: { path: string }) => reportPolicy.mayFill(actor, unit) || reportPolicy.mayReview(actor, unit),
}

/** The office unit an actor collects for: the unit of their first report.collect grant. */
export function officeUnitOf(actor: Actor): string | null {
  const grant = actor.grants.find((g) => g.permissions.includes('report.collect'))
  return grant ? grant.scopePath.split('/').filter(Boolean).at(-1)! : null
}

/**
 * The people holding `permission` over a unit (a grant on the unit, or with subunits above it), active
 * ones only: a unit's fillers get the 待办 to fill, its reviewers the 待办 to review.
 */
export async function holdersOver(tx: Tx | Db, permission: 'report.fill' | 'report.review' | 'report.collect', unitPath: string): Promise<string[]> {
  const ancestors = unitPath.split('/').filter(Boolean).map((_, i, a) => `/${a.slice(0, i + 1).join('/')}/`)
  const rows = await tx.$queryRaw<{ personId: string }[]>`
    SELECT DISTINCT g."personId" FROM "RoleGrant" g JOIN "Role" r ON r.id = g."roleId" JOIN "Unit" gu ON gu.id = g."unitId" JOIN "Person" p ON p.id = g."personId"
     WHERE p."isActive" AND ${permission} = ANY(r.permissions)
       AND (gu.path = ${unitPath} OR (g."includesSubunits" AND gu.path = ANY(${ancestors}::text[])))`
  return rows.map((r) => r.personId)
}
