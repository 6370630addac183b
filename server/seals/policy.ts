import { hasPermission, holdsAnywhere, unitIdsInScope, type Actor } from '../core/authz/index.ts'
import type { Db, Tx } from '../core/db/index.ts'

/**
 * Who may do what with seals. Seal administrators (seal.manage) manage the seals of the units their
 * grant covers: register them, give them keys, choose their holders. Using a seal is not a
 * permission of a role but a SealHolder row: this person may use this seal.
 */
export const sealPolicy = {
  mayManage: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'seal.manage', { unitPath: unit.path }),
  mayManageAny: (actor: Actor) => holdsAnywhere(actor, 'seal.manage'),

  /** The ids of the units whose seals the actor manages (for lists: nobody sees seals out of scope). */
  manageableUnitIds: (db: Db | Tx, actor: Actor): Promise<string[]> => unitIdsInScope(db, actor, 'seal.manage'),

  /** A seal may seal the documents of the organisation it belongs to (its unit is the organ or under it). */
  belongsTo: (sealUnit: { path: string }, organ: { path: string }) => sealUnit.path.startsWith(organ.path),
}
