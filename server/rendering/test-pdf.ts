/**
 * Tests only: read a PDF back as a person would — its text (pdftotext) and its pages as pixels
 * (pdftoppm). Poppler substitutes installed system fonts for broken embedded ones and so hides
 * exactly the bugs we look for (FACTS.md: @pdf-lib/fontkit's CJK subsets), so pages are rasterised
 * with a fontconfig that knows no fonts: what shows is what the PDF embeds.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { mm } from './gbt9704.ts'

const EMPTY_FONTCONFIG = `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n`

/** Fails loudly (CI installs poppler-utils; nothing here is skipped). */
export function requirePoppler() {
  for (const tool of ['pdftotext', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' })
    } catch {
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils); .ci/run does`)
    }
  }
}

function withPdf<T>(pdf: Uint8Array, run: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'xt-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    writeFileSync(file, pdf)
    return run(dir, file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of the whole PDF, or of one page (1-based). */
export function pdfText(pdf: Uint8Array, page?: number): string {
  return withPdf(pdf, (_, file) => execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
}

export type Raster = { width: number; height: number; dpi: number; data: Buffer }

/** Every page as RGB pixels, at a low resolution, with no system fonts to fall back on. */
export function rasterise(pdf: Uint8Array, dpi = 40): Raster[] {
  return withPdf(pdf, (dir, file) => {
    const config = path.join(dir, 'fonts.conf')
    writeFileSync(config, EMPTY_FONTCONFIG)
    execFileSync('pdftoppm', ['-r', String(dpi), file, path.join(dir, 'page')], { env: { ...process.env, FONTCONFIG_FILE: config }, stdio: 'pipe' })
    return readdirSync(dir).filter((f) => f.endsWith('.ppm')).sort((a, b) => Number(/(\d+)\.ppm$/.exec(a)![1]) - Number(/(\d+)\.ppm$/.exec(b)![1]))
      .map((f) => parsePpm(readFileSync(path.join(dir, f)), dpi))
  })
}

function parsePpm(bytes: Buffer, dpi: number): Raster {
  // P6 <width> <height> <maxval> then RGB bytes.
  const header: string[] = []
  let i = 0
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]!))) i++
    let token = ''
    while (!/\s/.test(String.fromCharCode(bytes[i]!))) token += String.fromCharCode(bytes[i++]!)
    header.push(token)
  }
  if (header[0] !== 'P6') throw new Error(`not a binary PPM: ${header[0]}`)
  return { width: Number(header[1]), height: Number(header[2]), dpi, data: bytes.subarray(i + 1) }
}

/** A region in millimetres from the page's top-left corner. */
export type Region = { left: number; top: number; width: number; height: number }

function count(raster: Raster, region: Region, test: (r: number, g: number, b: number) => boolean): number {
  const px = (millimetres: number) => Math.round((mm(millimetres) / 72) * raster.dpi)
  let n = 0
  for (let y = Math.max(0, px(region.top)); y < Math.min(raster.height, px(region.top + region.height)); y++) {
    for (let x = Math.max(0, px(region.left)); x < Math.min(raster.width, px(region.left + region.width)); x++) {
      const o = (y * raster.width + x) * 3
      if (test(raster.data[o]!, raster.data[o + 1]!, raster.data[o + 2]!)) n++
    }
  }
  return n
}

/** Pixels that are not white. */
export const inkIn = (raster: Raster, region: Region) => count(raster, region, (r, g, b) => r < 200 || g < 200 || b < 200)
/** Pixels that are clearly red. */
export const redIn = (raster: Raster, region: Region) => count(raster, region, (r, g, b) => r > 150 && g < 110 && b < 110)

/** The fonts a PDF embeds, by their tag (ABCDEF+Name → Name), as pdffonts lists them. */
function embeddedFonts(file: string): Map<string, string> {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2)
  return new Map(lines.map((l) => l.split(/\s+/)[0]!).filter((n) => n.includes('+')).map((n) => [n.split('+')[0]!, n.split('+')[1]!]))
}

export type TextRun = { page: number; text: string; font: string; top: number; left: number; width: number }

/**
 * Each run of text with the font it is set in (its PostScript name) and where it stands, in points at
 * 72 dpi from the page's top left, as poppler reads them (pdftohtml -xml).
 */
export function textRuns(pdf: Uint8Array): TextRun[] {
  return withPdf(pdf, (_, file) => {
    const fonts = embeddedFonts(file)
    const xml = execFileSync('pdftohtml', ['-xml', '-stdout', '-i', '-zoom', '1', file], { encoding: 'utf8' })
    const families = new Map<string, string>()
    for (const m of xml.matchAll(/<fontspec id="(\d+)"[^>]*family="([^"]+)"/g)) families.set(m[1]!, fonts.get(m[2]!.split('+')[0]!) ?? m[2]!)
    const runs: TextRun[] = []
    let page = 0
    for (const m of xml.matchAll(/<page number="(\d+)"|<text top="([\d.]+)" left="([\d.]+)" width="([\d.]+)" height="[\d.]+" font="(\d+)">(.*?)<\/text>/g)) {
      if (m[1]) page = Number(m[1])
      else runs.push({ page, top: Number(m[2]), left: Number(m[3]), width: Number(m[4]), font: families.get(m[5]!)!, text: m[6]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') })
    }
    return runs
  })
}
