import { PDFDocument, type PDFPage } from 'pdf-lib'
import { bodyItems } from './body.ts'
import { attachmentItems, noteItems, signature } from './closing.ts'
import { paginate } from './flow.ts'
import { embedFaces, type Faces } from './fonts.ts'
import { LINE, PAGE, PITCH, TYPE_AREA, TYPE_BOTTOM } from './gbt9704.ts'
import { imprintLayout } from './imprint.ts'
import { drawMasthead } from './masthead.ts'
import type { OfficialDocumentModel, RenderedOfficialPdf } from './model.ts'
import { recipientItems, titleItems } from './opening.ts'
import { drawPageNumber } from './page-numbers.ts'
import { Painter } from './painter.ts'
import { BODY, paragraphItems } from './paragraphs.ts'
import { glyphsOf } from './text.ts'

/**
 * Each attachment's pages, copied into the document; null for one that cannot be read (stored before
 * uploads were parsed, or beyond pdf-lib): one bad attachment must not stop the whole document.
 */
async function copyAppended(pdf: PDFDocument, appends: readonly { data: Uint8Array }[]): Promise<(PDFPage[] | null)[]> {
  const copied: (PDFPage[] | null)[] = []
  for (const { data } of appends) {
    try {
      const doc = await PDFDocument.load(data, { updateMetadata: false })
      copied.push(await pdf.copyPages(doc, doc.getPageIndices()))
    } catch {
      copied.push(null)
    }
  }
  return copied
}

/** In place of an attachment that could not be appended: a page that says so, so no reader takes the document as complete. */
function notEmbeddedPage(pdf: PDFDocument, name: string, faces: Faces) {
  const page = pdf.addPage([PAGE.width, PAGE.height])
  const text = `附件“${name}”无法嵌入本文件（文件已损坏或无法读取），请在系统中查看或下载原件。`
  const items = paragraphItems(glyphsOf(text, BODY, faces), { indentFirst: 2 * PITCH, align: 'left' })
  const painter = new Painter(page, faces)
  for (const { item, top } of paginate(items, TYPE_AREA.top, TYPE_AREA.top, TYPE_BOTTOM).placements) item.draw(painter, top)
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
  const appends = model.appendPdfs ?? []
  const appended = await copyAppended(pdf, appends)
  const notEmbedded: number[] = []
  appended.forEach((pages, i) => {
    if (pages) for (const page of pages) pdf.addPage(page)
    else {
      notEmbedded.push(i)
      notEmbeddedPage(pdf, appends[i]!.name, faces)
    }
  })
  const imprint = imprintLayout(model, faces)
  if (imprint) {
    // A clear line above the imprint, which also keeps the seal (reaching ~0.9 line below the date) off it.
    const fitsAfterText = appended.length === 0 && flow.end.top + LINE + imprint.height <= TYPE_BOTTOM + 0.01
    const page = fitsAfterText ? pages[flow.end.page]! : pdf.addPage([PAGE.width, PAGE.height])
    imprint.draw(new Painter(page, faces))
  }
  pdf.getPages().forEach((page, i) => drawPageNumber(page, i + 1, faces))
  const bytes = await pdf.save()
  return { pdf: bytes, sealAnchor: closing.anchor(flow), pages: pdf.getPageCount(), notEmbedded }
}
