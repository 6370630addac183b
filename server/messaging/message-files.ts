import sharp from 'sharp'
import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { isUuid } from '../core/strings.ts'
import { checkAttachment } from '../documents/index.ts'
import { loadConversation } from './policy.ts'

const THUMBNAIL_PX = 360

/**
 * A file or image for a message, stored before the message that carries it (the page uploads, then
 * sends with `fileId`). The type is decided by the bytes (documents' attachment rules: extension and
 * magic numbers agree, at most 20 MB). Images get a thumbnail (sharp; orientation applied, metadata
 * such as GPS dropped); one that does not decode is refused.
 */
export async function uploadMessageFile(db: Db, actor: Actor, conversationId: string, file: { name: string; data: Uint8Array }) {
  const c = await loadConversation(db, actor, conversationId)
  const checked = checkAttachment(file.name, file.data)
  let thumbnail: Buffer | null = null
  if (checked.contentType.startsWith('image/')) {
    try {
      thumbnail = await sharp(file.data, { limitInputPixels: 50_000_000 }).autoOrient().resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer()
    } catch {
      throw new AppError('document.attachment_content', { name: checked.fileName })
    }
  }
  const row = await db.messageFile.create({
    data: { conversationId: c.id, uploaderId: actor.personId, fileName: checked.fileName, contentType: checked.contentType, size: file.data.length, data: new Uint8Array(file.data), thumbnail: thumbnail ? new Uint8Array(thumbnail) : null },
    select: { id: true, fileName: true, contentType: true, size: true },
  })
  return { ...row, hasThumbnail: !!thumbnail }
}

/**
 * A file for a member of its conversation only (anyone else, or a file whose message was recalled:
 * not found). Downloads are audited; thumbnails (shown inline in the chat) are not.
 */
export async function getMessageFile(db: Db, actor: Actor, fileId: string, options: { thumbnail: boolean }, context: RequestContext) {
  if (!isUuid(fileId)) throw notFound()
  const meta = await db.messageFile.findUnique({ where: { id: fileId }, select: { conversationId: true, uploaderId: true } })
  if (!meta) throw notFound()
  await loadConversation(db, actor, meta.conversationId)
  const carrier = await db.message.findFirst({ where: { fileId }, select: { id: true, recalledAt: true } })
  if ((carrier?.recalledAt || !carrier) && meta.uploaderId !== actor.personId) throw notFound()
  const file = await db.messageFile.findUniqueOrThrow({ where: { id: fileId }, select: { fileName: true, contentType: true, data: options.thumbnail ? false : true, thumbnail: options.thumbnail } })
  if (options.thumbnail) {
    if (!file.thumbnail) throw notFound()
    return { fileName: file.fileName, contentType: 'image/jpeg', data: file.thumbnail }
  }
  await db.$transaction((tx) => recordAudit(tx, { actor, action: 'messaging.file_download', objectType: 'MessageFile', objectId: fileId, details: { conversation: meta.conversationId, message: carrier?.id ?? null, fileName: file.fileName }, context }))
  return { fileName: file.fileName, contentType: file.contentType, data: file.data! }
}
