import type { Db, Tx } from '../core/db/index.ts'
import { administratorPermissions } from '../core/authz/index.ts'

/**
 * Does the person hold any administrator permission (by any role, over any unit, active or not)? Their
 * account is then privileged: only the security administrator resets its password.
 */
export async function isPrivilegedPerson(db: Db | Tx, personId: string): Promise<boolean> {
  const count = await db.roleGrant.count({ where: { personId, role: { permissions: { hasSome: [...administratorPermissions] } } } })
  return count > 0
}
