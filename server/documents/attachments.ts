import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { isUuid } from '../core/strings.ts'
import type { RequestContext } from '../core/request-context.ts'
import { checkAttachment, MAX_ATTACHMENTS } from './attachment-files.ts'
import { checkPdfAttachment } from './attachment-pdf.ts'
import { recordEvent, stepsOf } from './engine.ts'
import { loadDocument, type LoadedDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { assertNotFrozen } from './freeze.ts'

/**
 * Attachments (附件) of a document: scans of incoming paper, annexes, spreadsheets. Drafters add them
 * while drafting, the registry until the document is archived — an outgoing one only until 签发
 * (`freeze.ts`); whoever may see the document may
 * download them (`getDocument` lists them).
 */
const stepName = (doc: LoadedDocument) => (doc.stepIndex === null ? null : (stepsOf(doc)[doc.stepIndex]?.name ?? null))

/** Add one file. The document's row lock makes the per-document limit hold under parallel uploads. */
export async function addAttachment(db: Db, actor: Actor, documentId: string, file: { name: string; data: Uint8Array<ArrayBuffer> }, context: RequestContext) {
  const { fileName, contentType } = checkAttachment(file.name, file.data)
  if (contentType === 'application/pdf') await checkPdfAttachment(fileName, file.data)
  return db.$transaction(async (tx) => {
    const { doc } = await loadDocument(tx, actor, documentId, { forUpdate: true })
    if (documentPolicy.mayEditDraft(actor, doc) || documentPolicy.isRegistry(actor, doc.organ)) await assertNotFrozen(tx, doc, 'attachments')
    if (!documentPolicy.mayManageAttachments(actor, doc)) throw new AppError('document.attachments_locked')
    const count = await tx.documentAttachment.count({ where: { documentId } })
    if (count >= MAX_ATTACHMENTS) throw new AppError('document.attachment_limit', { max: MAX_ATTACHMENTS })
    const row = await tx.documentAttachment.create({
      data: { documentId, fileName, contentType, size: file.data.length, data: file.data, uploadedById: actor.personId, createdAt: clock.now() },
      select: { id: true, fileName: true, contentType: true, size: true, createdAt: true },
    })
    await recordEvent(tx, doc, actor, 'ATTACHMENT_ADDED', stepName(doc), { name: fileName, attachmentId: row.id })
    await recordAudit(tx, { actor, action: 'document.attachment_add', objectType: 'Document', objectId: documentId, details: { attachmentId: row.id, fileName, contentType, size: row.size }, context })
    return row
  }, { timeout: 30_000 })
}

/** A file of a document the actor may see (anything else is "not found"); each download is audited. */
export async function getAttachment(db: Db, actor: Actor, documentId: string, attachmentId: string, context: RequestContext) {
  if (!isUuid(attachmentId)) throw new AppError('not_found')
  return db.$transaction(async (tx) => {
    await loadDocument(tx, actor, documentId)
    const file = await tx.documentAttachment.findFirst({ where: { id: attachmentId, documentId }, select: { id: true, fileName: true, contentType: true, size: true, data: true } })
    if (!file) throw new AppError('not_found')
    await recordAudit(tx, { actor, action: 'document.attachment_download', objectType: 'Document', objectId: documentId, details: { attachmentId, fileName: file.fileName }, context })
    return file
  })
}

/** Remove a file: the same people as may add one. */
export async function deleteAttachment(db: Db, actor: Actor, documentId: string, attachmentId: string, context: RequestContext) {
  if (!isUuid(attachmentId)) throw new AppError('not_found')
  return db.$transaction(async (tx) => {
    const { doc } = await loadDocument(tx, actor, documentId, { forUpdate: true })
    const file = await tx.documentAttachment.findFirst({ where: { id: attachmentId, documentId }, select: { id: true, fileName: true } })
    if (!file) throw new AppError('not_found')
    if (documentPolicy.mayEditDraft(actor, doc) || documentPolicy.isRegistry(actor, doc.organ)) await assertNotFrozen(tx, doc, 'attachments')
    if (!documentPolicy.mayManageAttachments(actor, doc)) throw new AppError('document.attachments_locked')
    await tx.documentAttachment.delete({ where: { id: file.id } })
    await recordEvent(tx, doc, actor, 'ATTACHMENT_DELETED', stepName(doc), { name: file.fileName, attachmentId })
    await recordAudit(tx, { actor, action: 'document.attachment_delete', objectType: 'Document', objectId: documentId, details: { attachmentId, fileName: file.fileName }, context })
  })
}
