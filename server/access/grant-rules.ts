import type { Tx } from '../core/db/index.ts'
import { dutiesOf, type Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { accessPolicy, type GrantScope } from './policy.ts'

/**
 * May the actor give `permissions` to `personId` over `scope`? Used by granting, revoking and editing a
 * role (an edit gives its new permissions to every holder at once).
 */
export function assertMayGrant(actor: Actor, grantee: { personId: string }, permissions: readonly string[], scope: GrantScope): void {
  if (grantee.personId === actor.personId) throw new AppError('access.self_grant')
  if (!accessPolicy.mayGrantIn(actor, scope)) throw new AppError('forbidden')
  const notHeld = accessPolicy.administratorPermissionsNotHeld(actor, permissions, scope)
  if (notHeld.length) throw new AppError('access.not_held', { permission: notHeld.join(', ') })
}

/**
 * Lock the people's rows (in id order, so two of these never deadlock) for the rest of the transaction:
 * a parallel grant to the same person waits here and then sees this one's result.
 */
export async function lockPeople(tx: Tx, personIds: string[]): Promise<void> {
  if (!personIds.length) return
  await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ANY(${[...new Set(personIds)].sort()}::uuid[]) ORDER BY id FOR UPDATE`
}

/**
 * Lock a role against edits while it is being granted (FOR SHARE: grants of one role do not wait for
 * each other), or against grants while it is edited (FOR UPDATE). Roles are locked before people, always.
 */
export async function lockRole(tx: Tx, roleId: string, mode: 'share' | 'update'): Promise<void> {
  if (mode === 'share') await tx.$queryRaw`SELECT id FROM "Role" WHERE id = ${roleId}::uuid FOR SHARE`
  else await tx.$queryRaw`SELECT id FROM "Role" WHERE id = ${roleId}::uuid FOR UPDATE`
}

/**
 * The three administrator duties stay apart on one person (三员分立): with `added` given to the person
 * (and the role `changed`, if any, holding its new permissions), would they reach into two duties?
 * The person's row must be locked (`lockPeople`) in this transaction first.
 */
export async function assertDutiesApart(tx: Tx, personId: string, added: readonly string[], changed?: { roleId: string; permissions: readonly string[] }): Promise<void> {
  const grants = await tx.roleGrant.findMany({ where: { personId }, select: { roleId: true, role: { select: { permissions: true } } } })
  const held = grants.flatMap((g) => (changed && g.roleId === changed.roleId ? changed.permissions : g.role.permissions))
  if (dutiesOf([...held, ...added]).length > 1) throw new AppError('access.duties_conflict')
}
