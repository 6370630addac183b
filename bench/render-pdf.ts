/**
 * How fast an official document renders (GB/T 9704 red-header PDF), and how big it is.
 * `npm run bench:pdf [-- --runs 20]`. Goals: a notice of about 800 characters in ≤ 300 ms and
 * ≤ 150 KB; a 10-page document in ≤ 1.5 s. Medians after warm-up, beside a reference measured in the
 * same run (pdf-lib drawing the same text with the same font, 28 characters a line, no layout), so a
 * noisy shared machine shows in both. The first render of a process (reading and parsing 50 MB of
 * fonts) is reported on its own.
 */
import { performance } from 'node:perf_hooks'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { PDFDocument } from 'pdf-lib'
import { renderOfficialPdf, type OfficialDocumentModel } from '../server/rendering/index.ts'
import { filler, p, sampleNotice, SHORT } from '../server/rendering/test-samples.ts'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20
const WARM_UP = 3

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)]!

const bodyText = (model: OfficialDocumentModel) => JSON.stringify(model.body).match(/"text":"([^"]*)"/g)!.map((m) => m.slice(8, -1)).join('')

let referenceFont: fontkit.Font | undefined

/** The reference: the same characters drawn by pdf-lib in the same (subset) font, without any layout. */
async function reference(text: string, fontBytes: Uint8Array): Promise<Uint8Array> {
  if (!referenceFont) {
    const font = fontkit.create(fontBytes) as fontkit.Font
    const createSubset = font.createSubset.bind(font)
    // fontkit 2 subsets lack the encodeStream() pdf-lib calls (see server/rendering/fonts.ts).
    font.createSubset = () => Object.assign(createSubset(), {
      encodeStream(this: fontkit.Subset) {
        const data = this.encode()
        const stream = { on: (event: string, f: (d?: Uint8Array) => void) => { if (event === 'data') setImmediate(() => f(data)); if (event === 'end') setImmediate(() => setImmediate(f)); return stream } }
        return stream
      },
    })
    referenceFont = font
  }
  const font = referenceFont
  const pdf = await PDFDocument.create({ updateMetadata: false })
  pdf.registerFontkit({ create: () => font as never })
  const embedded = await pdf.embedFont(fontBytes, { subset: true })
  const chars = [...text]
  for (let i = 0; i < chars.length; i += 28 * 22) {
    const page = pdf.addPage([595.28, 841.89])
    for (let line = 0; line < 22 && i + line * 28 < chars.length; line++) {
      page.drawText(chars.slice(i + line * 28, i + (line + 1) * 28).join(''), { x: 79, y: 737 - 29 * (line + 1), size: 16, font: embedded })
    }
  }
  return pdf.save()
}

async function measure(name: string, model: OfficialDocumentModel, fontBytes: Uint8Array) {
  const text = bodyText(model)
  for (let i = 0; i < WARM_UP; i++) {
    await renderOfficialPdf(model)
    await reference(text, fontBytes)
  }
  const ours: number[] = []
  const ref: number[] = []
  let size = 0
  let pages = 0
  for (let i = 0; i < runs; i++) {
    let started = performance.now()
    const out = await renderOfficialPdf(model)
    ours.push(performance.now() - started)
    size = out.pdf.length
    pages = out.pages
    started = performance.now()
    await reference(text, fontBytes)
    ref.push(performance.now() - started)
  }
  return { name, characters: [...text].length, pages, medianMs: +median(ours).toFixed(1), p90Ms: +p90(ours).toFixed(1), sizeKB: +(size / 1024).toFixed(1), referenceMedianMs: +median(ref).toFixed(1) }
}

async function main() {
  const notice = sampleNotice({ title: '关于做好2026年冬季安全生产工作的通知', body: filler(800), attachments: [] })
  const started = performance.now()
  await renderOfficialPdf(notice)
  const coldMs = +(performance.now() - started).toFixed(0)
  const fontBytes = new Uint8Array(await readFile(path.join(process.cwd(), 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')))

  // The masthead takes half of page 1 (GB/T 9704): about eight lines of body fit under it.
  const onePage = await measure('notice on one page', sampleNotice({ title: '关于做好冬季安全生产工作的通知', body: [p(SHORT)], attachments: [], note: null, copyTo: null }), fontBytes)
  const eightHundred = await measure('notice, about 800 characters', notice, fontBytes)
  // 10 pages: the first holds about 8 lines, each other 22 lines of 28 characters.
  let tenPageModel = sampleNotice({ body: filler(4000), attachments: [] })
  for (let chars = 4000; (await renderOfficialPdf(tenPageModel)).pages < 10; chars += 150) tenPageModel = sampleNotice({ body: filler(chars), attachments: [] })
  const tenPages = await measure('document of 10 pages', tenPageModel, fontBytes)
  const results = [onePage, eightHundred, tenPages]

  const goals = [
    { what: '800-character notice render median ≤ 300 ms', met: eightHundred.medianMs <= 300 },
    { what: '800-character notice ≤ 150 KB', met: eightHundred.sizeKB <= 150 },
    { what: '10-page document render median ≤ 1,500 ms', met: tenPages.medianMs <= 1500 },
  ]
  console.log(`renderOfficialPdf, ${runs} runs each after ${WARM_UP} warm-up; first render in this process (fonts read and parsed): ${coldMs} ms`)
  console.table(results)
  for (const g of goals) console.log(`${g.met ? 'met   ' : 'MISSED'} ${g.what}`)
  console.log(JSON.stringify({ bench: 'render-pdf', runs, coldMs, results, goals }))
}

await main()
