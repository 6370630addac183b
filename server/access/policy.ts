import { hasPermission, type Actor } from '../core/authz/index.ts'

export const accessPolicy = {
  mayManageRoles: (actor: Actor) => hasPermission(actor, 'role.manage'),
  /** Granting within a unit needs role.manage over that unit. */
  mayGrantIn: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'role.manage', { unitPath: unit.path }),
}
