import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { notFound } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { loadConversation } from './policy.ts'
import { sendMessage } from './send-message.ts'

/**
 * 转发: a message the actor can read, sent again by them into another conversation they belong to
 * (a file is copied into the target, so each conversation's members reach only their own files).
 * Recalled messages cannot be forwarded. Idempotent by the target's clientId, like any send.
 */
export async function forwardMessage(db: Db, actor: Actor, messageId: string, input: { toConversationId: string; clientId: string }) {
  if (!isUuid(messageId)) throw notFound()
  const source = await db.message.findUnique({ where: { id: messageId }, select: { id: true, conversationId: true, text: true, fileId: true, recalledAt: true } })
  if (!source || source.recalledAt) throw notFound()
  await loadConversation(db, actor, source.conversationId)
  const target = await loadConversation(db, actor, input.toConversationId)
  let fileId: string | undefined
  if (source.fileId) {
    const existing = await db.message.findUnique({ where: { conversationId_senderId_clientId: { conversationId: target.id, senderId: actor.personId, clientId: input.clientId } }, select: { fileId: true } })
    if (existing?.fileId) fileId = existing.fileId
    else {
      const file = await db.messageFile.findUniqueOrThrow({ where: { id: source.fileId } })
      const copy = await db.messageFile.create({ data: { conversationId: target.id, uploaderId: actor.personId, fileName: file.fileName, contentType: file.contentType, size: file.size, data: file.data, thumbnail: file.thumbnail }, select: { id: true } })
      fileId = copy.id
    }
  }
  return sendMessage(db, actor, target.id, { clientId: input.clientId, text: source.text, fileId }, { forwardedFromId: source.id })
}
