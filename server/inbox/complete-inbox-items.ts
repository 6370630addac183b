import type { InboxKind, Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { notifyInboxChanged } from '../core/events.ts'

/**
 * Clear open items for an object, inside the caller's transaction: `DONE` when the person did what
 * was asked, `CANCELLED` when the work went away (recalled, reassigned). Limit to one person or kind.
 */
export async function completeInboxItems(
  tx: Tx,
  target: { objectType: string; objectId: string; personId?: string; kind?: InboxKind },
  state: 'DONE' | 'CANCELLED' = 'DONE',
): Promise<number> {
  const where = { objectType: target.objectType, objectId: target.objectId, state: 'OPEN' as const, ...(target.personId ? { personId: target.personId } : {}), ...(target.kind ? { kind: target.kind } : {}) }
  const affected = await tx.inboxItem.findMany({ where, select: { personId: true } })
  if (affected.length === 0) return 0
  const { count } = await tx.inboxItem.updateMany({ where, data: { state, doneAt: clock.now() } })
  await notifyInboxChanged(tx, affected.map((a) => a.personId))
  return count
}
