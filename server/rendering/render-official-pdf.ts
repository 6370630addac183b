import { PDFDocument } from 'pdf-lib'
import { bodyItems } from './body.ts'
import { attachmentItems, noteItems, signature } from './closing.ts'
import { paginate } from './flow.ts'
import { embedFaces } from './fonts.ts'
import { LINE, PAGE, TYPE_AREA, TYPE_BOTTOM } from './gbt9704.ts'
import { imprintLayout } from './imprint.ts'
import { drawMasthead } from './masthead.ts'
import type { OfficialDocumentModel, RenderedOfficialPdf } from './model.ts'
import { recipientItems, titleItems } from './opening.ts'
import { drawPageNumber } from './page-numbers.ts'
import { Painter } from './painter.ts'

async function loadAppended(pdfs: readonly Uint8Array[]): Promise<PDFDocument[]> {
  return Promise.all(pdfs.map(async (bytes, i) => {
    try {
      return await PDFDocument.load(bytes, { updateMetadata: false })
    } catch (error) {
      throw new Error(`attachment PDF ${i + 1} cannot be read: ${(error as Error).message}`, { cause: error })
    }
  }))
}

/**
 * An outgoing document as a red-header PDF laid out per GB/T 9704-2012: masthead, title, main
 * recipients, body, attachment list, issuer and date (where the seal will go), note, the attachments'
 * own PDFs, and the imprint (版记) at the foot of the last page; page numbers throughout. Pure: it
 * checks no permission and reads nothing but its fonts.
 */
export async function renderOfficialPdf(model: OfficialDocumentModel): Promise<RenderedOfficialPdf> {
  const pdf = await PDFDocument.create({ updateMetadata: false })
  pdf.setTitle(model.title, { showInWindowTitleBar: true })
  pdf.setLanguage('zh-CN')
  pdf.setCreator('Xietong')
  pdf.setProducer('Xietong (pdf-lib, fontkit)')
  const faces = await embedFaces(pdf)

  const closing = signature(model, faces)
  const items = [
    ...titleItems(model.title, faces),
    ...recipientItems(model, faces),
    ...bodyItems(model.body, faces),
    ...attachmentItems(model.attachments ?? [], faces),
    ...closing.items,
    ...noteItems(model.note, faces),
  ]
  const pages = [pdf.addPage([PAGE.width, PAGE.height])]
  const bodyTop = drawMasthead(new Painter(pages[0]!, faces), model, faces)
  const flow = paginate(items, bodyTop, TYPE_AREA.top, TYPE_BOTTOM)
  while (pages.length < flow.pages) pages.push(pdf.addPage([PAGE.width, PAGE.height]))
  const painters = pages.map((page) => new Painter(page, faces))
  for (const { item, page, top } of flow.placements) item.draw(painters[page]!, top)

  // Attachments follow the body and come before the imprint (GB/T 9704 7.3.7: 附件应当另面编排，并在版记之前).
  const appended = await loadAppended(model.appendPdfs ?? [])
  for (const doc of appended) {
    for (const page of await pdf.copyPages(doc, doc.getPageIndices())) pdf.addPage(page)
  }
  const imprint = imprintLayout(model, faces)
  if (imprint) {
    // A clear line above the imprint, which also keeps the seal (reaching ~0.9 line below the date) off it.
    const fitsAfterText = appended.length === 0 && flow.end.top + LINE + imprint.height <= TYPE_BOTTOM + 0.01
    const page = fitsAfterText ? pages[flow.end.page]! : pdf.addPage([PAGE.width, PAGE.height])
    imprint.draw(new Painter(page, faces))
  }
  pdf.getPages().forEach((page, i) => drawPageNumber(page, i + 1, faces))
  const bytes = await pdf.save()
  return { pdf: bytes, sealAnchor: closing.anchor(flow), pages: pdf.getPageCount() }
}
