import type { Db, Prisma, Tx } from '../db/index.ts'
import type { Permission } from './permissions.ts'
import { hasPermission, type Actor, type Grant } from './actor.ts'
import { escapeLike } from '../strings.ts'

/** A unit condition no row meets (an actor without the permission sees nothing). */
const NO_UNIT = { id: { in: [] } } satisfies Prisma.UnitWhereInput

const grantsOf = (actor: Actor, permission: Permission): Grant[] => actor.grants.filter((g) => g.permissions.includes(permission))

/**
 * The units the actor holds `permission` over, as a Prisma `where`: an `OR` of the grants' scopes
 * (the unit and everything under it, or the unit alone). A grant over the root unit is
 * `path startsWith '/root/'`, which every unit meets; with no such grant, a condition nothing meets.
 * The one place grants become a query: lists built on it never count what the actor may not see.
 */
export function unitScopeWhere(actor: Actor, permission: Permission): Prisma.UnitWhereInput {
  const grants = grantsOf(actor, permission)
  if (grants.length === 0) return NO_UNIT
  return { OR: grants.map((g) => (g.includesSubunits ? { path: { startsWith: g.scopePath } } : { path: g.scopePath })) }
}

/** The ids of the units `unitScopeWhere` describes (for columns that hold a unit id without a relation). */
export async function unitIdsInScope(db: Db | Tx, actor: Actor, permission: Permission): Promise<string[]> {
  if (grantsOf(actor, permission).length === 0) return []
  const units = await db.unit.findMany({ where: unitScopeWhere(actor, permission), select: { id: true } })
  return units.map((u) => u.id)
}

/**
 * Does the actor hold `permission` over the whole platform (a grant over a top-level unit and
 * everything under it)? The platform has one top-level unit (a unit is created under a parent; the
 * import refuses a second root). Objects that belong to no unit — a template for every unit, mail to
 * a bare address — are for such an administrator only.
 */
export function holdsPlatformWide(actor: Actor, permission: Permission): boolean {
  return grantsOf(actor, permission).some((g) => g.includesSubunits && g.scopePath.split('/').filter(Boolean).length === 1)
}

/**
 * Does the actor hold `permission` over any unit at all? Only for deciding whether to show an entry
 * (a menu item, an admin page's frame); what the page then lists goes through the module's policy.
 */
export function holdsAnywhere(actor: Actor, permission: Permission): boolean {
  return hasPermission(actor, permission)
}

/**
 * `unitScopeWhere` for raw SQL: LIKE patterns for `"Unit".path` (`path LIKE ANY($patterns)`), one per
 * grant — the unit and everything under it (`/…/id/%`), or the unit alone (its path, no wildcard). Empty
 * when the actor lacks the permission (LIKE ANY of an empty array is false).
 */
export function unitPathPatterns(actor: Actor, permission: Permission): string[] {
  return grantsOf(actor, permission).map((g) => (g.includesSubunits ? `${escapeLike(g.scopePath)}%` : escapeLike(g.scopePath)))
}

/**
 * The active people holding `permission` over any of these units (a grant on the unit itself, or on a
 * unit above it that includes subunits): the candidates another module's audience starts from.
 */
export async function holdersOver(db: Db | Tx, permission: Permission, unitPaths: string[]): Promise<string[]> {
  if (!unitPaths.length) return []
  const rows = await db.$queryRaw<{ personId: string }[]>`
    SELECT DISTINCT g."personId"::text AS "personId" FROM "RoleGrant" g
      JOIN "Role" r ON r.id = g."roleId" JOIN "Unit" u ON u.id = g."unitId" JOIN "Person" p ON p.id = g."personId"
     WHERE ${permission} = ANY(r.permissions) AND p."isActive" AND u."isActive"
       AND EXISTS (SELECT 1 FROM unnest(${unitPaths}::text[]) AS t(path) WHERE u.path = t.path OR (g."includesSubunits" AND t.path LIKE u.path || '%'))`
  return rows.map((r) => r.personId)
}
