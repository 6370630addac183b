import { administratorPermissions, hasPermission, type Actor, type Permission } from '../core/authz/index.ts'

/** Where a grant reaches: one unit, or the unit and every unit below it. */
export type GrantScope = { path: string; includesSubunits: boolean }

/** Does the actor hold `permission` over all of `scope`? A scope with its subunits needs a grant that has them too. */
function holdsOver(actor: Actor, permission: Permission, scope: GrantScope): boolean {
  return actor.grants.some((g) => g.permissions.includes(permission) && (g.includesSubunits
    ? scope.path.startsWith(g.scopePath)
    : !scope.includesSubunits && scope.path === g.scopePath))
}

export const accessPolicy = {
  /** The roles page and its operations; what goes into a role and where it is granted is checked below. */
  mayManageRoles: (actor: Actor) => hasPermission(actor, 'role.manage'),
  /** Granting (or revoking, or changing a role held) within a scope needs role.manage over all of it. */
  mayGrantIn: (actor: Actor, scope: GrantScope) => holdsOver(actor, 'role.manage', scope),
  /**
   * Administrator permissions among `permissions` that the actor does not hold, over `scope` (or, without
   * a scope, anywhere). Nobody passes on an administrator permission they could not use themselves there;
   * business permissions may be passed on by role.manage holders within their scope.
   */
  administratorPermissionsNotHeld: (actor: Actor, permissions: readonly string[], scope?: GrantScope): Permission[] =>
    administratorPermissions.filter((p) => permissions.includes(p) && !(scope ? holdsOver(actor, p, scope) : hasPermission(actor, p))),
}
