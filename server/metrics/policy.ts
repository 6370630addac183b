import type { Db } from '../core/db/index.ts'
import type { Actor, Permission } from '../core/authz/index.ts'
import { escapeLike } from '../core/strings.ts'
import { notFound } from '../core/errors.ts'

/**
 * Who sees which units' figures: administrators over their admin scope — the system administrator
 * (`unit.manage`), the security administrator (`security.manage`) and whoever holds `metrics.view` (a
 * business role, so it sits beside any one of the three duties) —, and leaders over the units they are in
 * charge of (分管, `LeaderCharge`) with everything under them. Everyone else: not found.
 */
export const METRICS_PERMISSIONS = ['metrics.view', 'unit.manage', 'security.manage'] as const satisfies readonly Permission[]

/** A unit the viewer sees, alone (`subtree: false`, a grant without subunits) or with everything under it. */
export type ScopeUnit = { id: string; name: string; path: string; subtree: boolean }

export type MetricsScope = {
  /** The units the viewer's rights name, none under another. */
  roots: ScopeUnit[]
  /** `"Unit".path LIKE ANY(patterns)`: every unit whose rows count. */
  patterns: string[]
}

export const patternOf = (u: Pick<ScopeUnit, 'path' | 'subtree'>) => (u.subtree ? `${escapeLike(u.path)}%` : escapeLike(u.path))

const idOfPath = (path: string) => path.split('/').filter(Boolean).at(-1)!

/** Is a metrics entry worth showing (menus)? Cheap for administrators; one query for everyone else. */
export async function mayViewMetrics(db: Db, actor: Actor): Promise<boolean> {
  if (actor.grants.some((g) => METRICS_PERMISSIONS.some((p) => g.permissions.includes(p)))) return true
  return (await db.leaderCharge.count({ where: { personId: actor.personId } })) > 0
}

/** The viewer's scope; not found when they have none. */
export async function metricsScope(db: Db, actor: Actor): Promise<MetricsScope> {
  const named = new Map<string, boolean>()
  for (const g of actor.grants) {
    if (!METRICS_PERMISSIONS.some((p) => g.permissions.includes(p))) continue
    named.set(g.scopePath, (named.get(g.scopePath) ?? false) || g.includesSubunits)
  }
  const charges = await db.leaderCharge.findMany({ where: { personId: actor.personId }, select: { unit: { select: { path: true } } } })
  for (const c of charges) named.set(c.unit.path, true)
  if (!named.size) throw notFound()
  const paths = [...named.keys()].filter((path) => ![...named].some(([other, subtree]) => subtree && other !== path && path.startsWith(other)))
  const units = await db.unit.findMany({ where: { id: { in: paths.map(idOfPath) } }, select: { id: true, name: true, path: true, sortOrder: true }, orderBy: [{ depth: 'asc' }, { sortOrder: 'asc' }] })
  const roots = units.filter((u) => named.has(u.path)).map((u) => ({ id: u.id, name: u.name, path: u.path, subtree: named.get(u.path)! }))
  if (!roots.length) throw notFound()
  return { roots, patterns: roots.map(patternOf) }
}

/** Narrow the scope to one unit in it (drilling down); a unit outside it is not found. */
export async function focusScope(db: Db, scope: MetricsScope, unitId: string): Promise<{ scope: MetricsScope; unit: ScopeUnit }> {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, path: true } })
  if (!unit) throw notFound()
  const cover = scope.roots.find((r) => (r.subtree ? unit.path.startsWith(r.path) : unit.path === r.path))
  if (!cover) throw notFound()
  const focused = { ...unit, subtree: cover.subtree }
  return { scope: { roots: [focused], patterns: [patternOf(focused)] }, unit: focused }
}

/**
 * The units a ranking compares: with one root seen with its subtree, the root's own units below it (each
 * with its subtree); otherwise the roots themselves.
 */
export async function rankedUnits(db: Db, scope: MetricsScope): Promise<ScopeUnit[]> {
  const [only] = scope.roots
  if (scope.roots.length === 1 && only?.subtree) {
    const children = await db.unit.findMany({ where: { parentId: only.id, isActive: true }, select: { id: true, name: true, path: true }, orderBy: { sortOrder: 'asc' }, take: 500 })
    if (children.length) return children.map((c) => ({ ...c, subtree: true }))
  }
  return scope.roots
}
