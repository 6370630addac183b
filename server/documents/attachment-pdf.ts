import { PDFDocument } from 'pdf-lib'
import { AppError } from '../core/errors.ts'

/**
 * A PDF attachment is appended to the document's own PDF, so at upload it must be one pdf-lib can
 * append: parsed, not encrypted, with pages that copy. A file that only starts with `%PDF-` passed the
 * byte check and then broke every rendering of its document.
 */
export async function checkPdfAttachment(name: string, data: Uint8Array): Promise<void> {
  let doc: PDFDocument
  try {
    // Loaded even when encrypted, to tell that apart (pdf-lib's EncryptedPDFError fails `instanceof`).
    doc = await PDFDocument.load(data, { updateMetadata: false, ignoreEncryption: true })
  } catch {
    throw new AppError('document.attachment_pdf_unreadable', { name })
  }
  if (doc.isEncrypted) throw new AppError('document.attachment_pdf_encrypted', { name })
  try {
    if (doc.getPageCount() === 0) throw new Error('no pages')
    await (await PDFDocument.create()).copyPages(doc, doc.getPageIndices())
  } catch {
    throw new AppError('document.attachment_pdf_unreadable', { name })
  }
}
