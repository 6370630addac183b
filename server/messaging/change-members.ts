import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { loadConversation, messagingPolicy } from './policy.ts'

/**
 * Topic owners add and remove members (never themselves: an owner leaves by handing over first). A
 * removed member's row stays with `removedAt`; the row's trigger tells live delivery, which stops
 * sending to them at once. Audited.
 */
export async function changeMembers(db: Db, actor: Actor, conversationId: string, input: { add: string[]; remove: string[] }, context: RequestContext) {
  const c = await loadConversation(db, actor, conversationId)
  if (!(await messagingPolicy.isOwner(db, actor, c))) throw new AppError('messaging.not_owner')
  const add = await db.person.findMany({ where: { id: { in: input.add }, isActive: true }, select: { id: true } })
  const remove = input.remove.filter((id) => id !== actor.personId)
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${c.id}::uuid FOR UPDATE`
    for (const p of add) {
      await tx.conversationMember.upsert({
        where: { conversationId_personId: { conversationId: c.id, personId: p.id } },
        create: { conversationId: c.id, personId: p.id },
        update: { removedAt: null },
      })
    }
    const removed = await tx.conversationMember.updateMany({ where: { conversationId: c.id, personId: { in: remove }, removedAt: null }, data: { removedAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'messaging.members_change', objectType: 'Conversation', objectId: c.id, details: { added: add.map((p) => p.id), removed: remove }, context })
    return { added: add.length, removed: removed.count }
  })
}
