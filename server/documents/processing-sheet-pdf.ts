import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { fontBytes, pdfLibFontkit } from '../seals/index.ts'

/**
 * The processing sheet (发文稿纸 / 收文处理单) as a PDF for the archive: the document's particulars,
 * every opinion in order with who wrote it and when, and the timeline. Plain and readable, in
 * Chinese like the printed sheet; A4, Noto Sans SC embedded as a subset.
 */
export type SheetInput = {
  heading: string
  fields: [label: string, value: string][]
  opinions: { stepName: string; personName: string; onBehalfOfName: string | null; text: string; createdAt: Date }[]
  events: { at: Date; action: string; stepName: string | null; actorName: string | null; extra: string }[]
  footer: string
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 56
const WIDTH = A4.width - 2 * MARGIN
const GREY = rgb(0.35, 0.35, 0.35)
const RULE = rgb(0.75, 0.75, 0.75)

export const beijingTime = (d: Date) =>
  d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })

/** Break text into lines that fit `width`, character by character (Chinese has no spaces to break at). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ''
    for (const ch of paragraph) {
      if (line && font.widthOfTextAtSize(line + ch, size) > width) {
        lines.push(line)
        line = ''
      }
      line += ch
    }
    lines.push(line)
  }
  return lines
}

class Writer {
  pages: PDFPage[] = []
  private page!: PDFPage
  private y = 0

  constructor(private readonly pdf: PDFDocument, readonly regular: PDFFont, readonly bold: PDFFont) {
    this.newPage()
  }

  private newPage() {
    this.page = this.pdf.addPage([A4.width, A4.height])
    this.pages.push(this.page)
    this.y = A4.height - MARGIN
  }

  private room(height: number) {
    if (this.y - height < MARGIN + 20) this.newPage()
  }

  gap(height: number) {
    this.y -= height
  }

  text(text: string, options: { size?: number; font?: PDFFont; x?: number; width?: number; colour?: ReturnType<typeof rgb>; centre?: boolean } = {}) {
    const size = options.size ?? 11
    const font = options.font ?? this.regular
    const x = options.x ?? MARGIN
    const width = options.width ?? WIDTH - (x - MARGIN)
    const leading = size * 1.6
    for (const line of wrap(text, font, size, width)) {
      this.room(leading)
      this.y -= leading
      const lineX = options.centre ? MARGIN + (WIDTH - font.widthOfTextAtSize(line, size)) / 2 : x
      this.page.drawText(line, { x: lineX, y: this.y + size * 0.35, size, font, color: options.colour ?? rgb(0, 0, 0) })
    }
  }

  /** A label and its value side by side; the value wraps under itself. */
  field(label: string, value: string) {
    const size = 11
    const leading = size * 1.6
    const valueX = MARGIN + 84
    const lines = wrap(value || '—', this.regular, size, WIDTH - 84)
    this.room(leading)
    this.page.drawText(label, { x: MARGIN, y: this.y - leading + size * 0.35, size, font: this.bold })
    for (const line of lines) {
      this.room(leading)
      this.y -= leading
      this.page.drawText(line, { x: valueX, y: this.y + size * 0.35, size, font: this.regular })
    }
    this.rule()
  }

  rule() {
    this.y -= 3
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + WIDTH, y: this.y }, thickness: 0.5, color: RULE })
  }

  heading(text: string) {
    this.gap(10)
    this.room(60)
    this.text(text, { size: 13, font: this.bold })
    this.rule()
  }
}

export async function renderProcessingSheet(input: SheetInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(pdfLibFontkit)
  pdf.setTitle(input.heading)
  pdf.setLanguage('zh-CN')
  pdf.setCreator('Xietong')
  const noLigatures = { liga: false, clig: false, calt: false }
  const regular = await pdf.embedFont(fontBytes('sans'), { subset: true, features: noLigatures })
  const bold = await pdf.embedFont(fontBytes('sansBold'), { subset: true, features: noLigatures })
  const w = new Writer(pdf, regular, bold)
  w.text(input.heading, { size: 18, font: bold, centre: true })
  w.gap(10)
  for (const [label, value] of input.fields) w.field(label, value)

  w.heading('办理意见')
  if (input.opinions.length === 0) w.text('（无）', { colour: GREY })
  for (const o of input.opinions) {
    w.gap(4)
    w.text(`${o.stepName} · ${o.personName}${o.onBehalfOfName ? `（代${o.onBehalfOfName}）` : ''} · ${beijingTime(o.createdAt)}`, { size: 9.5, colour: GREY })
    w.text(o.text, { x: MARGIN + 12 })
  }

  w.heading('办理过程')
  for (const e of input.events) {
    const what = [e.action, e.stepName, e.actorName, e.extra].filter(Boolean).join(' · ')
    w.text(`${beijingTime(e.at)}　${what}`, { size: 9.5 })
  }

  w.pages.forEach((page, i) => {
    const label = `${input.footer}　第 ${i + 1} 页 共 ${w.pages.length} 页`
    page.drawText(label, { x: MARGIN, y: MARGIN / 2, size: 8, font: regular, color: GREY })
  })
  return pdf.save()
}
