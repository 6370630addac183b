import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import type { RequestContext } from '../core/request-context.ts'
import { isUuid } from '../core/strings.ts'
import { noticePolicy, sendNotice } from '../notices/index.ts'
import { conversationMembers } from './members.ts'
import { loadConversation } from './policy.ts'
import { publishMessaging } from './events.ts'

/**
 * 必达 from a message: the sender turns their own message into an urgent notice to the conversation's
 * other members, with the notice's receipts and re-pings. The notices module decides as it always does
 * (notice.send, and every recipient within the sender's scope); the message is tied to the notice in
 * the notice's own transaction, once — a second try, even at the same moment, is refused and undone.
 */
export async function sendMessageAsNotice(db: Db, actor: Actor, messageId: string, input: { urgency?: 'URGENT' | 'EXTRA_URGENT' }, context: RequestContext) {
  if (!isUuid(messageId)) throw notFound()
  const m = await db.message.findUnique({ where: { id: messageId }, select: { conversationId: true, senderId: true, text: true, recalledAt: true, noticeId: true, seq: true, fileId: true } })
  if (!m) throw notFound()
  const c = await loadConversation(db, actor, m.conversationId)
  if (m.senderId !== actor.personId || m.recalledAt) throw notFound()
  if (!noticePolicy.maySend(actor)) throw new AppError('forbidden')
  if (m.noticeId) throw new AppError('messaging.already_notice')
  const recipients = (await conversationMembers(db, c)).map((p) => p.personId).filter((id) => id !== actor.personId)
  if (!recipients.length) throw new AppError('notice.no_recipients')
  const file = m.fileId ? await db.messageFile.findUnique({ where: { id: m.fileId }, select: { fileName: true } }) : null
  const body = m.text || file?.fileName || ''
  const title = body.replace(/\s+/g, ' ').slice(0, 40) + (body.length > 40 ? '…' : '')
  const notice = await sendNotice(db, actor, { title, body, personIds: recipients, urgency: input.urgency ?? 'URGENT' }, context, {
    within: async (tx, noticeId) => {
      const tied = await tx.$executeRaw`UPDATE "Message" SET "noticeId" = ${noticeId}::uuid WHERE id = ${messageId}::uuid AND "noticeId" IS NULL`
      if (tied !== 1) throw new AppError('messaging.already_notice')
    },
  })
  publishMessaging({ t: 'notice', c: c.id, seq: m.seq, id: messageId, noticeId: notice.id })
  return { noticeId: notice.id, recipients: notice.recipients }
}
