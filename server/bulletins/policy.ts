import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import { hasPermission, unitIdsInScope, unitPathPatterns, type Actor } from '../core/authz/index.ts'
import { reachOf } from '../reporting/index.ts'

/**
 * Bulletins (政务信息报送): the office holding report.collect over its unit sees and handles the items
 * sent to it; a unit's people holding report.fill over the unit submit its items and see them.
 * Nobody else sees an item (not found).
 */
export type BulletinViewer = { actor: Actor; officeUnitIds: string[]; unitPatterns: string[] }

export async function bulletinViewerOf(db: Db | Tx, actor: Actor): Promise<BulletinViewer> {
  return { actor, officeUnitIds: await unitIdsInScope(db, actor, 'report.collect'), unitPatterns: unitPathPatterns(actor, 'report.fill') }
}

export const bulletinPolicy = {
  isOffice: (v: BulletinViewer, item: { officeUnitId: string }) => v.officeUnitIds.includes(item.officeUnitId),
  maySubmitFor: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'report.fill', { unitPath: unit.path }),
}

/** Items the viewer sees, as SQL over the item alias `b` and its unit `u`. */
export function visibleItemsSql(v: BulletinViewer): Prisma.Sql {
  const parts: Prisma.Sql[] = []
  if (v.officeUnitIds.length) parts.push(Prisma.sql`b."officeUnitId" = ANY(${v.officeUnitIds}::uuid[])`)
  if (v.unitPatterns.length) parts.push(Prisma.sql`u.path LIKE ANY(${v.unitPatterns}::text[])`)
  return parts.length ? Prisma.sql`(${Prisma.join(parts, ' OR ')})` : Prisma.sql`FALSE`
}

/** The offices a unit may send items to: units where someone collects and whose organisation holds the unit. */
export async function officesFor(db: Db | Tx, unitPath: string) {
  const offices = await db.$queryRaw<{ id: string; name: string; path: string }[]>`
    SELECT DISTINCT u.id, u.name, u.path FROM "RoleGrant" g JOIN "Role" r ON r.id = g."roleId" JOIN "Unit" u ON u.id = g."unitId"
     WHERE 'report.collect' = ANY(r.permissions) AND u."isActive" ORDER BY u.path`
  return offices.filter((o) => unitPath.startsWith(reachOf(o.path))).map((o) => ({ id: o.id, name: o.name }))
}
