import { beforeAll, describe, expect, it } from 'vitest'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { renderOfficialPdf } from './index.ts'
import { LINE, mm, PAGE, TYPE_AREA, TYPE_BOTTOM } from './gbt9704.ts'
import { filler, p, sampleBody, sampleNotice, SHORT } from './test-samples.ts'
import { inkIn, pdfText, rasterise, redIn, requirePoppler, textRuns, type Raster } from './test-pdf.ts'

const toMm = (pt: number) => (pt * 25.4) / 72
const LINE_MM = toMm(LINE)
const flat = (s: string) => s.replace(/\s+/g, '')

/** The rows (in mm from the top, below `from`) where red runs across the type area: the separator. */
function redRuleRows(page: Raster, from: number): number[] {
  const rows: number[] = []
  for (let top = from; top < 297; top += 0.5) {
    const left = redIn(page, { left: 30, top, width: 20, height: 0.5 })
    const right = redIn(page, { left: 160, top, width: 20, height: 0.5 })
    if (left > 0 && right > 0) rows.push(top)
  }
  return rows
}

beforeAll(() => requirePoppler())

describe('renderOfficialPdf (GB/T 9704-2012)', () => {
  it('lays out a notice with headings, a list, a table and a long body over several pages, in reading order', async () => {
    const model = sampleNotice({ body: sampleBody(3000) })
    const { pdf, pages } = await renderOfficialPdf(model)
    expect(pages).toBeGreaterThanOrEqual(3)
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(pages)

    const text = flat(pdfText(pdf))
    const order = [
      '000012', '加急', '泰和市人民政府文件', '泰政发〔2026〕14号', flat(model.title), '各县（区）人民政府，市政府各部门、各直属机构：',
      '为深入贯彻落实党中央', '一、总体要求', '坚持安全第一、预防为主、综合治理的方针', '（一）工作目标', '1.重点任务', '1.开展隐患排查治理专项行动。',
      '（1）责任分工', '市应急管理局', '二、保障措施', '特此通知。', '附件：1.泰和市今冬明春安全生产大检查工作方案', '2.重点行业领域隐患排查清单',
      '泰和市人民政府2026年11月23日', '（此件公开发布）', '抄送：市委各部门', '市检察院。', '泰和市人民政府办公室', '2026年11月24日印发',
    ]
    let at = -1
    for (const piece of order) {
      const found = text.indexOf(piece, at + 1)
      expect(found, `"${piece}" after position ${at}`).toBeGreaterThan(at)
      at = found
    }
    // Every page numbered `— n —`, in order.
    for (let n = 1; n <= pages; n++) expect(pdfText(pdf, n)).toContain(`— ${n} —`)
    // 禁则: no line of the body starts with closing punctuation.
    const lines = pdfText(pdf).split('\n').map((l) => l.trim()).filter(Boolean)
    expect(lines.filter((l) => /^[，。、；：？！）」》”]/.test(l))).toEqual([])
  })

  it('draws what it embeds: red mark and rule, number, title, every body line and the page numbers show with no system fonts', async () => {
    const { pdf, pages } = await renderOfficialPdf(sampleNotice({ body: filler(3000), attachments: [], note: null }))
    const raster = rasterise(pdf)
    expect(raster).toHaveLength(pages)
    const [first, second] = raster as [Raster, Raster]

    // The organ mark: red, its top 35 mm below the type area's top, across the middle of the page.
    const markTop = 37 + 35
    expect(redIn(first, { left: 28, top: markTop, width: 156, height: 20 })).toBeGreaterThan(500)
    expect(redIn(first, { left: 28, top: 37, width: 156, height: 34 })).toBe(0)
    // The separator: one red rule across the type area, below the mark.
    const rule = redRuleRows(first, markTop + 22)
    expect(rule.length).toBeGreaterThan(0)
    expect(Math.max(...rule) - Math.min(...rule)).toBeLessThan(2)
    const ruleAt = rule[0]!
    expect(ruleAt).toBeGreaterThan(markTop + 30)
    expect(ruleAt).toBeLessThan(markTop + 55)
    // The number just above the rule (black, centred), the title two lines below it.
    expect(inkIn(first, { left: 70, top: ruleAt - 11, width: 70, height: 9 })).toBeGreaterThan(50)
    expect(redIn(first, { left: 28, top: ruleAt - 11, width: 156, height: 9 })).toBe(0)
    expect(inkIn(first, { left: 28, top: ruleAt + 1, width: 156, height: 2 * LINE_MM - 2 })).toBe(0)
    expect(inkIn(first, { left: 40, top: ruleAt + 2 * LINE_MM, width: 130, height: LINE_MM })).toBeGreaterThan(200)

    // A full page: 22 lines, each with ink, within the type area; nothing in the margins.
    for (let i = 0; i < 22; i++) {
      expect(inkIn(second, { left: 28, top: 37 + i * LINE_MM + 1, width: 156, height: LINE_MM - 2 }), `line ${i + 1}`).toBeGreaterThan(100)
    }
    expect(inkIn(second, { left: 0, top: 0, width: 26, height: 297 })).toBe(0)
    expect(inkIn(second, { left: 0, top: 0, width: 210, height: 35 })).toBe(0)
    expect(redIn(second, { left: 0, top: 0, width: 210, height: 297 })).toBe(0)

    // Page numbers 7 mm under the type area: odd pages on the right, even pages on the left.
    const numberBand = { top: 262 + 4, height: 10 }
    expect(inkIn(first, { ...numberBand, left: 140, width: 44 })).toBeGreaterThan(8)
    expect(inkIn(first, { ...numberBand, left: 28, width: 44 })).toBe(0)
    expect(inkIn(second, { ...numberBand, left: 28, width: 44 })).toBeGreaterThan(8)
    expect(inkIn(second, { ...numberBand, left: 140, width: 44 })).toBe(0)
    // ... and the dashes' top about 7 mm below the type area (not touching it).
    expect(inkIn(first, { left: 140, top: 262, width: 44, height: 5 })).toBe(0)
  })

  it('takes more pages for a longer body', async () => {
    const counts = []
    for (const chars of [200, 2000, 6000]) counts.push((await renderOfficialPdf(sampleNotice({ body: filler(chars) }))).pages)
    expect(counts[1]).toBeGreaterThan(counts[0]!)
    expect(counts[2]).toBeGreaterThan(counts[1]!)
    // 28 characters a line, 22 lines a page: 6,000 characters of paragraphs need about ten pages.
    expect(counts[2]).toBeGreaterThanOrEqual(10)
  })

  it('returns where the seal goes: over the issuer name and date, centred on them', async () => {
    const model = sampleNotice({ body: filler(1500) })
    const { pdf, sealAnchor } = await renderOfficialPdf(model)
    expect(sealAnchor.diameterPt).toBeCloseTo(mm(42), 5)
    const pageText = flat(pdfText(pdf, sealAnchor.page + 1))
    expect(pageText).toContain('泰和市人民政府2026年11月23日')
    // Right half of the type area, inside the page.
    expect(sealAnchor.x).toBeGreaterThan(TYPE_AREA.left + TYPE_AREA.width / 2)
    expect(sealAnchor.x + sealAnchor.diameterPt / 2).toBeLessThanOrEqual(PAGE.width)
    expect(sealAnchor.y - sealAnchor.diameterPt / 2).toBeGreaterThan(0)
    // Ink (the name and date) under the seal's centre, within a line above and below it.
    const page = rasterise(pdf)[sealAnchor.page]!
    const centre = { x: toMm(sealAnchor.x), y: toMm(PAGE.height - sealAnchor.y) }
    expect(inkIn(page, { left: centre.x - 20, top: centre.y - LINE_MM, width: 40, height: LINE_MM })).toBeGreaterThan(50)
    expect(inkIn(page, { left: centre.x - 20, top: centre.y, width: 40, height: LINE_MM })).toBeGreaterThan(50)
    expect(centre.y + toMm(sealAnchor.diameterPt / 2)).toBeLessThan(toMm(TYPE_BOTTOM) + 10)
  })

  it('shows the signer beside the number on upward documents, the mark 80 mm down', async () => {
    const { pdf } = await renderOfficialPdf(sampleNotice({ kind: 'REQUEST', signerName: '陈建国', urgency: null, copyNumber: null, body: filler(100) }))
    expect(flat(pdfText(pdf))).toContain('泰政发〔2026〕14号签发人：陈建国')
    const [first] = rasterise(pdf) as [Raster]
    expect(redIn(first, { left: 28, top: 37, width: 156, height: 79 })).toBe(0)
    expect(redIn(first, { left: 28, top: 37 + 80, width: 156, height: 20 })).toBeGreaterThan(500)
  })

  it('leaves the number line blank before numbering and keeps the layout', async () => {
    const { pdf } = await renderOfficialPdf(sampleNotice({ number: null, body: filler(100) }))
    expect(pdfText(pdf)).not.toContain('〔')
    expect(redRuleRows(rasterise(pdf)[0]!, 37 + 35 + 22).length).toBeGreaterThan(0)
  })

  it('appends attachment PDFs before the imprint, with page numbers running on', async () => {
    const attachment = await PDFDocument.create()
    const helvetica = await attachment.embedFont(StandardFonts.Helvetica)
    attachment.addPage([PAGE.width, PAGE.height]).drawText('ATTACHMENT ONE', { x: 100, y: 700, size: 20, font: helvetica })
    const plain = await renderOfficialPdf(sampleNotice({ body: filler(200) }))
    const { pdf, pages } = await renderOfficialPdf(sampleNotice({ body: filler(200), appendPdfs: [{ name: '附件一', data: await attachment.save() }] }))
    // The body, the attachment, then the imprint on a page of its own at the end.
    expect(pages).toBe(plain.pages + 2)
    expect(pdfText(pdf, pages - 1)).toContain('ATTACHMENT ONE')
    expect(pdfText(pdf, pages - 1)).toContain(`— ${pages - 1} —`)
    expect(flat(pdfText(pdf, pages))).toContain('2026年11月24日印发')
    expect(flat(pdfText(pdf, 1))).not.toContain('印发')
  })

  it('renders around an attachment that cannot be read: a page says so in its place, and it is reported', async () => {
    const good = await PDFDocument.create()
    const helvetica = await good.embedFont(StandardFonts.Helvetica)
    good.addPage([PAGE.width, PAGE.height]).drawText('ATTACHMENT TWO', { x: 100, y: 700, size: 20, font: helvetica })
    // Starts like a PDF and is not one (what uploads let through before they were parsed).
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n')
    const plain = await renderOfficialPdf(sampleNotice({ body: filler(200) }))
    const { pdf, pages, notEmbedded } = await renderOfficialPdf(sampleNotice({
      body: filler(200), appendPdfs: [{ name: '损坏的扫描件', data: broken }, { name: '附件二', data: await good.save() }, { name: '乱码', data: new Uint8Array([1, 2, 3]) }],
    }))
    expect(notEmbedded).toEqual([0, 2])
    expect(pages).toBe(plain.pages + 4)
    expect(flat(pdfText(pdf, plain.pages + 1))).toContain('附件“损坏的扫描件”无法嵌入本文件')
    expect(pdfText(pdf, plain.pages + 2)).toContain('ATTACHMENT TWO')
    expect(flat(pdfText(pdf, plain.pages + 3))).toContain('附件“乱码”无法嵌入本文件')
    expect(pdfText(pdf, plain.pages + 3)).toContain(`— ${plain.pages + 3} —`)
    expect(flat(pdfText(pdf, pages))).toContain('2026年11月24日印发')
  })

  it('keeps the imprint clear of the seal (on the same page or the next)', async () => {
    let shared = 0
    // One more line of body each time, and imprints of 1–3 rows (0.8 line each): the text ends at
    // every distance from the imprint's top rule.
    const copyTos = [null, '市委办公室', '市委各部门，市人大常委会办公室，市政协办公室，市监委，市法院，市检察院，各人民团体']
    for (let variant = 0; variant < 3 * 8; variant++) {
      const paragraphs = 1 + (variant % 8)
      const { pdf, pages, sealAnchor } = await renderOfficialPdf(sampleNotice({ body: Array.from({ length: paragraphs }, () => p('特此通知。')), attachments: [], note: null, copyTo: copyTos[Math.floor(variant / 8)] }))
      if (sealAnchor.page !== pages - 1) continue
      shared++
      const page = rasterise(pdf, 100)[sealAnchor.page]!
      const sealBottom = toMm(PAGE.height - sealAnchor.y + sealAnchor.diameterPt / 2)
      // Rules: pixel rows inked across nearly the whole type area (a line of text never is).
      const pixel = 25.4 / page.dpi
      const rules = []
      for (let top = toMm(PAGE.height - sealAnchor.y); top < 263; top += pixel) {
        if (inkIn(page, { left: 29, top, width: 154, height: pixel }) > 0.95 * (154 / pixel)) rules.push(top)
      }
      expect(Math.max(...rules), `${paragraphs} paragraphs`).toBeGreaterThan(261)
      expect(Math.min(...rules), `${paragraphs} paragraphs`).toBeGreaterThan(sealBottom)
    }
    expect(shared).toBeGreaterThan(0)
  })

  it('breaks a title between words into even, centred lines within the type area (GB/T 9704 7.3.1), read back with pdftotext', async () => {
    const expected: [string, string[]][] = [
      // Was 关于做好2027年春节期 / 间安全生产工作的通知.
      ['关于做好2027年春节期间安全生产工作的通知', ['关于做好2027年春节期间', '安全生产工作的通知']],
      ['关于召开全市安全生产工作会议的通知', ['关于召开全市安全生产工作会议的通知']],
      ['泰和市人民政府办公室关于印发泰和市2027年城镇老旧小区改造和城市更新重点任务清单及责任分工方案的通知',
        ['泰和市人民政府办公室关于印发泰和市', '2027年城镇老旧小区改造和城市更新', '重点任务清单及责任分工方案的通知']],
      ['泰和市人民政府关于表彰2026年度全市安全生产工作先进集体和先进个人的决定', ['泰和市人民政府关于表彰2026年度全市', '安全生产工作先进集体和先进个人的决定']],
      ['东平区人民政府关于请求解决东平区2027年防汛抗旱基础设施建设资金的请示', ['东平区人民政府关于请求解决东平区', '2027年防汛抗旱基础设施建设资金的请示']],
    ]
    const words = new Intl.Segmenter('zh', { granularity: 'word' })
    for (const [title, lines] of expected) {
      const { pdf } = await renderOfficialPdf(sampleNotice({ title, body: [p(SHORT)], attachments: [], note: null }))
      // The lines between the number and the main recipients, as a reader's copy-out gives them.
      const text = pdfText(pdf, 1).split('\n').map((l) => l.trim()).filter(Boolean)
      const read = text.slice(text.findIndex((l) => l.includes('〔')) + 1, text.findIndex((l) => l.endsWith('：')))
      expect(read, title).toEqual(lines)
      // Every break is between two of ICU's words (春节期间 is 春节|期间: either side, never inside).
      const boundaries = new Set([...words.segment(title)].map((s) => s.index))
      let at = 0
      for (const line of read.slice(0, -1)) expect(boundaries.has((at += line.length)), `${title}: break after ${line}`).toBe(true)
      // Each line within the type area and centred on it.
      for (const run of textRuns(pdf).filter((r) => read.includes(r.text))) {
        expect(run.width).toBeLessThanOrEqual(TYPE_AREA.width + 0.5)
        expect(Math.abs(run.left + run.width / 2 - (TYPE_AREA.left + TYPE_AREA.width / 2))).toBeLessThan(1.5)
      }
    }
  })

  it('keeps the attachment list (附件说明) on one page', async () => {
    let split = 0
    for (let paragraphs = 1; paragraphs <= 12; paragraphs++) {
      const { pdf, pages } = await renderOfficialPdf(sampleNotice({ body: Array.from({ length: paragraphs }, () => p(SHORT)), note: null }))
      const page = Array.from({ length: pages }, (_, i) => flat(pdfText(pdf, i + 1))).findIndex((t) => t.includes('附件：1.'))
      if (!flat(pdfText(pdf, page + 1)).includes('2.重点行业领域隐患排查清单')) split++
    }
    expect(split).toBe(0)
  })

  it('embeds subsets of its fonts, so a one-page notice stays small', async () => {
    // The masthead takes half the first page: about eight lines of body fit under it.
    const { pdf, pages } = await renderOfficialPdf(sampleNotice({ title: '关于做好冬季安全生产工作的通知', body: [p(SHORT)], attachments: [], note: null, copyTo: null }))
    expect(pages).toBe(1)
    expect(pdf.length).toBeLessThan(150_000)
    const doc = await PDFDocument.load(pdf)
    expect(doc.getTitle()).toBe('关于做好冬季安全生产工作的通知')
  })
})
