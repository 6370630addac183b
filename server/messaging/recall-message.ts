import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { loadConversation } from './policy.ts'
import { publishMessaging } from './events.ts'

export const RECALL_WINDOW_MS = minutes(2)

/**
 * 撤回: the sender takes a message back within two minutes. Members see only that it was recalled;
 * the row keeps its content for audit and export. Mentions' 待阅 items are cancelled. Audited.
 */
export async function recallMessage(db: Db, actor: Actor, messageId: string, context: RequestContext): Promise<{ recalledAt: Date }> {
  const found = await db.message.findUnique({ where: { id: messageId }, select: { conversationId: true } })
  if (!found) throw notFound()
  const c = await loadConversation(db, actor, found.conversationId)
  const result = await db.$transaction(async (tx) => {
    const [m] = await tx.$queryRaw<{ senderId: string; seq: number; createdAt: Date; recalledAt: Date | null }[]>`
      SELECT "senderId"::text AS "senderId", seq, "createdAt", "recalledAt" FROM "Message" WHERE id = ${messageId}::uuid FOR UPDATE`
    if (!m || m.senderId !== actor.personId) throw notFound()
    if (m.recalledAt) return { recalledAt: m.recalledAt, seq: m.seq, changed: false }
    const now = clock.now()
    if (now.getTime() - m.createdAt.getTime() > RECALL_WINDOW_MS) throw new AppError('messaging.recall_expired')
    await tx.message.update({ where: { id: messageId }, data: { recalledAt: now } })
    await completeInboxItems(tx, { objectType: 'Message', objectId: messageId }, 'CANCELLED')
    await recordAudit(tx, { actor, action: 'messaging.recall', objectType: 'Message', objectId: messageId, details: { conversation: c.id, seq: m.seq }, context })
    return { recalledAt: now, seq: m.seq, changed: true }
  })
  if (result.changed) publishMessaging({ t: 'recall', c: c.id, seq: result.seq, id: messageId })
  return { recalledAt: result.recalledAt }
}
