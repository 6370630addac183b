import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { renderOfficialPdf } from './index.ts'
import { checkFontSettings, FontSettingError } from './fonts.ts'
import { filler, sampleBody, sampleNotice } from './test-samples.ts'
import { inkIn, rasterise, requirePoppler, textRuns } from './test-pdf.ts'

const SETTINGS = ['BODY', 'BOLD', 'TITLE', 'MARK', 'HEI', 'KAI', 'SONG'].flatMap((role) => [`PDF_FONT_${role}`, `PDF_FONT_${role}_FACE`])
const notoFile = (pkg: 'serif' | 'sans', file: string) => path.resolve('node_modules', `@expo-google-fonts/noto-${pkg}-sc`, file)

/** A TrueType collection (.ttc) of whole fonts, as Windows ships 宋体 (simsun.ttc): each font's table offsets moved by where it starts. */
function collection(fonts: Uint8Array[]): Uint8Array {
  const header = 12 + 4 * fonts.length
  const starts: number[] = []
  let size = header
  for (const font of fonts) {
    starts.push(size)
    size += (font.length + 3) & ~3
  }
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out.set(new TextEncoder().encode('ttcf'))
  view.setUint32(4, 0x00010000)
  view.setUint32(8, fonts.length)
  fonts.forEach((font, i) => {
    const start = starts[i]!
    view.setUint32(12 + 4 * i, start)
    out.set(font, start)
    const tables = view.getUint16(start + 4)
    for (let t = 0; t < tables; t++) view.setUint32(start + 12 + 16 * t + 8, view.getUint32(start + 12 + 16 * t + 8) + start)
  })
  return out
}

/** The font each piece of text is set in (the first run containing it on the given page). */
function fontOf(runs: ReturnType<typeof textRuns>, text: string, page?: number): string | undefined {
  return runs.find((r) => (page === undefined || r.page === page) && r.text.replace(/\s+/g, '').includes(text))?.font
}

let dir: string
const saved = Object.fromEntries(SETTINGS.map((k) => [k, process.env[k]]))

beforeAll(() => {
  requirePoppler()
  dir = mkdtempSync(path.join(tmpdir(), 'xt-fonts-'))
})
afterEach(() => {
  for (const k of SETTINGS) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('fonts by role (GB/T 9704: 仿宋 body, 小标宋 title and mark, 黑体 一、, 楷体 （一）)', () => {
  it('sets each role in the closest open font by default: WenKai for 仿宋 and 楷体, Noto for 小标宋, 黑体 and page numbers', async () => {
    for (const k of SETTINGS) delete process.env[k]
    const { pdf } = await renderOfficialPdf(sampleNotice({ kind: 'REQUEST', signerName: '陈建国', body: sampleBody() }))
    const runs = textRuns(pdf)
    expect(fontOf(runs, '泰和市人民政府')).toBe('NotoSerifSC-Black')
    expect(fontOf(runs, '泰政发〔2026〕14号')).toBe('LXGWWenKai-Light')
    expect(fontOf(runs, '陈建国')).toBe('LXGWWenKai-Regular')
    expect(fontOf(runs, '泰和市人民政府关于做好')).toBe('NotoSerifSC-Bold')
    expect(fontOf(runs, '各县（区）人民政府')).toBe('LXGWWenKai-Light')
    expect(fontOf(runs, '为深入贯彻落实党中央')).toBe('LXGWWenKai-Light')
    expect(fontOf(runs, '一、总体要求')).toBe('NotoSansSC-Medium')
    expect(fontOf(runs, '（一）工作目标')).toBe('LXGWWenKai-Regular')
    expect(fontOf(runs, '安全第一、预防为主、综合治理')).toBe('LXGWWenKai-Bold')
    expect(fontOf(runs, '加急')).toBe('NotoSansSC-Medium')
    expect(fontOf(runs, '—1—', 1)).toBe('NotoSerifSC-Regular')
    expect(fontOf(runs, '2026年11月24日印发')).toBe('LXGWWenKai-Light')
  })

  it('takes the fonts an office points at, a face of a .ttc by its PostScript name; the mark follows the title, bold follows 黑体', async () => {
    const ttc = path.join(dir, 'serif.ttc')
    writeFileSync(ttc, collection([readFileSync(notoFile('serif', '500Medium/NotoSerifSC_500Medium.ttf')), readFileSync(notoFile('serif', '600SemiBold/NotoSerifSC_600SemiBold.ttf'))]))
    process.env.PDF_FONT_BODY = notoFile('sans', '300Light/NotoSansSC_300Light.ttf')
    process.env.PDF_FONT_TITLE = ttc
    process.env.PDF_FONT_TITLE_FACE = 'NotoSerifSC-SemiBold'
    process.env.PDF_FONT_KAI = ttc
    await checkFontSettings()
    const { pdf } = await renderOfficialPdf(sampleNotice())
    const runs = textRuns(pdf)
    expect(fontOf(runs, '为深入贯彻落实党中央')).toBe('NotoSansSC-Light')
    expect(fontOf(runs, '泰和市人民政府关于做好')).toBe('NotoSerifSC-SemiBold')
    expect(fontOf(runs, '泰和市人民政府文件')).toBe('NotoSerifSC-SemiBold')
    // A .ttc without a face named: its first face.
    expect(fontOf(runs, '（一）工作目标')).toBe('NotoSerifSC-Medium')
    expect(fontOf(runs, '安全第一、预防为主、综合治理')).toBe('NotoSansSC-Medium')
    expect(fontOf(runs, '一、总体要求')).toBe('NotoSansSC-Medium')
    // Drawn from what is embedded (no system fonts): the body has ink on the first page.
    const [first] = rasterise(pdf)
    expect(inkIn(first!, { left: 28, top: 180, width: 156, height: 60 })).toBeGreaterThan(500)
  })

  it('refuses a font setting that names no file, no font or no such face, with an error naming the setting, at start-up and at render', async () => {
    process.env.PDF_FONT_BODY = path.join(dir, '方正仿宋_GBK.ttf')
    await expect(checkFontSettings()).rejects.toThrow(FontSettingError)
    await expect(checkFontSettings()).rejects.toThrow(/PDF_FONT_BODY=.*方正仿宋_GBK\.ttf: no such file/)
    await expect(renderOfficialPdf(sampleNotice({ body: filler(100) }))).rejects.toThrow(/PDF_FONT_BODY=.*no such file/)
    delete process.env.PDF_FONT_BODY

    process.env.PDF_FONT_HEI = path.resolve('package.json')
    await expect(checkFontSettings()).rejects.toThrow(/PDF_FONT_HEI=.*package\.json: cannot be read as a font/)
    await expect(renderOfficialPdf(sampleNotice({ body: filler(100) }))).rejects.toThrow(/PDF_FONT_HEI=.*cannot be read as a font/)
    delete process.env.PDF_FONT_HEI

    process.env.PDF_FONT_KAI = dir
    await expect(checkFontSettings()).rejects.toThrow(/PDF_FONT_KAI=.*is a folder/)
    delete process.env.PDF_FONT_KAI

    const ttc = path.join(dir, 'one.ttc')
    writeFileSync(ttc, collection([readFileSync(notoFile('serif', '500Medium/NotoSerifSC_500Medium.ttf'))]))
    process.env.PDF_FONT_TITLE = ttc
    process.env.PDF_FONT_TITLE_FACE = 'FZXBSJW--GB1-0'
    await expect(checkFontSettings()).rejects.toThrow(/PDF_FONT_TITLE=.*has no face FZXBSJW--GB1-0 \(its faces: NotoSerifSC-Medium\)/)
    delete process.env.PDF_FONT_TITLE
    delete process.env.PDF_FONT_TITLE_FACE

    // A font file without a character map (fontkit's own subset of a few letters) fails here, not deep in pdf-lib.
    const noto = fontkit.create(readFileSync(notoFile('sans', '300Light/NotoSansSC_300Light.ttf'))) as fontkit.Font
    const letters = noto.createSubset()
    for (const ch of 'ABC') letters.includeGlyph(noto.glyphForCodePoint(ch.codePointAt(0)!))
    writeFileSync(path.join(dir, 'letters.ttf'), letters.encode())
    process.env.PDF_FONT_SONG = path.join(dir, 'letters.ttf')
    await expect(checkFontSettings()).rejects.toThrow(/PDF_FONT_SONG=.*letters\.ttf: cannot be read as a font/)
    await expect(renderOfficialPdf(sampleNotice({ body: filler(100) }))).rejects.toThrow(/PDF_FONT_SONG=/)
    delete process.env.PDF_FONT_SONG

    // Put right, the defaults render again (a failed load is not kept).
    await checkFontSettings()
    expect((await renderOfficialPdf(sampleNotice({ body: filler(100) }))).pages).toBeGreaterThanOrEqual(1)
  })
})
