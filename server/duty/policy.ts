import type { Db, Prisma, Tx } from '../core/db/index.ts'
import { hasPermission, holdsPlatformWide, unitScopeWhere, type Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'

/**
 * Who may do what with duty. Duty managers (duty.manage over a unit) manage its posts and rosters;
 * members of a unit (a post there) see its published rosters and the board; the upper duty office
 * (duty.oversee) sees the filed (报备) rosters of the units in its scope; nobody else sees anything — an
 * object out of scope is not found.
 */
export const dutyPolicy = {
  mayManageCalendar: (actor: Actor) => holdsPlatformWide(actor, 'calendar.manage'),
  mayManageUnit: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'duty.manage', { unitPath: unit.path }),
  mayManageAnywhere: (actor: Actor) => hasPermission(actor, 'duty.manage'),
  mayOverseeAnywhere: (actor: Actor) => hasPermission(actor, 'duty.oversee'),
  /** A person may be made eligible or unavailable by a manager over one of their units. */
  mayManagePerson: (actor: Actor, person: { unitPaths: string[] }) => person.unitPaths.length > 0 && hasPermission(actor, 'duty.manage', { unitPaths: person.unitPaths }),

  managedPostsWhere: (actor: Actor): Prisma.DutyPostWhereInput => ({ unit: unitScopeWhere(actor, 'duty.manage') }),

  /** Rosters the actor may see, as a query (lists and the board never count what is out of sight). */
  rosterVisibleWhere(actor: Actor, memberUnitIds: readonly string[]): Prisma.DutyRosterWhereInput {
    return {
      OR: [
        { post: { unit: unitScopeWhere(actor, 'duty.manage') } },
        { status: 'PUBLISHED', post: { unitId: { in: [...memberUnitIds] } } },
        { status: 'PUBLISHED', assignments: { some: { personId: actor.personId } } },
        { status: 'PUBLISHED', filedAt: { not: null }, post: { unit: unitScopeWhere(actor, 'duty.oversee') } },
      ],
    }
  },
}

/**
 * The units whose duty the actor follows as a member: those they hold a post in and the units above them
 * (a clerk of 秘书科 sees 办公室's general duty). From the materialised paths, no extra query.
 */
export async function memberUnitIds(db: Db | Tx, actor: Actor): Promise<string[]> {
  const posts = await db.post.findMany({ where: { personId: actor.personId }, select: { unit: { select: { path: true } } } })
  return [...new Set(posts.flatMap((p) => p.unit.path.split('/').filter(Boolean)))]
}

/** The unit if the actor manages duty there (duty.manage over it), else not found: out of scope is not seen. */
export async function loadManagedUnit(db: Db | Tx, actor: Actor, unitId: string) {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, path: true, isActive: true } })
  if (!unit?.isActive || !dutyPolicy.mayManageUnit(actor, unit)) throw notFound()
  return unit
}
