import { hasPermission, holdsAnywhere, holdsPlatformWide, unitIdsInScope, type Actor } from '../core/authz/index.ts'
import type { Db, Tx } from '../core/db/index.ts'

/**
 * Sign-on clients belong to a unit; administrators with app.manage over that unit register and
 * maintain them (a system-duty permission, so 三员分立 applies to whoever is granted it). Rotating the
 * provider's signing keys is platform-wide (app.review over the root). Out of scope is not found.
 */
export const oidcPolicy = {
  mayManageIn: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'app.manage', { unitPath: unit.path }),
  mayManageAny: (actor: Actor) => holdsAnywhere(actor, 'app.manage'),
  mayRotateKeys: (actor: Actor) => holdsPlatformWide(actor, 'app.review'),
  /** The units whose clients the actor may see and change. */
  manageableUnitIds: (db: Db | Tx, actor: Actor): Promise<string[]> => unitIdsInScope(db, actor, 'app.manage'),
}
