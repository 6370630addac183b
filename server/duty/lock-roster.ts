import type { Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { dutyPolicy } from './policy.ts'

/**
 * Lock a roster row for a change by its duty manager (`SELECT … FOR UPDATE`), check the revision the page
 * showed, and answer the roster with its post and unit. Out of the actor's scope: not found.
 */
export async function lockRosterForManager(tx: Tx, actor: Actor, rosterId: string, revision: number | undefined) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "DutyRoster" WHERE id = ${rosterId}::uuid FOR UPDATE`
  if (!rows.length) throw notFound()
  const roster = await tx.dutyRoster.findUniqueOrThrow({ where: { id: rosterId }, include: { post: { include: { unit: { select: { id: true, path: true, name: true } } } } } })
  if (!dutyPolicy.mayManageUnit(actor, roster.post.unit)) throw notFound()
  if (revision !== undefined && roster.revision !== revision) throw new AppError('duty.stale')
  return roster
}
