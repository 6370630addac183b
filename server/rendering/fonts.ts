import { randomInt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as fontkit from 'fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'
import { unpackWoff } from './woff.ts'

/**
 * The faces of an official document by their role in GB/T 9704-2012, each a setting so an office can
 * point at the licensed fonts it has (方正仿宋_GBK, 方正小标宋简体, …): `PDF_FONT_<ROLE>` is the file
 * (.ttf, .otf, .ttc, .woff), `PDF_FONT_<ROLE>_FACE` the PostScript name of a face in a .ttc. Unset, the
 * closest open fonts shipped through npm stand in (no system fonts, no downloads at run time):
 *
 * - body 仿宋 (正文, 主送, 发文字号, 署名, 成文日期, 版记): LXGW WenKai Light. No free 仿宋 covers
 *   GB2312, and 仿宋 is nearer a Kai face (even strokes, slanted horizontals) than a Song serif.
 * - bold (bold runs in the body, table headers): LXGW WenKai Bold; with PDF_FONT_BODY set, the 黑体 face.
 * - title 小标宋 (标题): Noto Serif SC Bold.
 * - mark 小标宋, red (发文机关标志): PDF_FONT_TITLE's font when set, else Noto Serif SC Black.
 * - hei 黑体 (一、 headings, 密级, 紧急程度): Noto Sans SC Medium.
 * - kai 楷体 (（一） headings, 签发人姓名): LXGW WenKai Regular.
 * - song 宋体 (页码): Noto Serif SC Regular.
 *
 * Fonts are read once per process and embedded as subsets.
 */
export type FaceName = 'body' | 'bold' | 'title' | 'mark' | 'hei' | 'kai' | 'song'

type Packaged = { pkg: string; file: string }
const WENKAI = '@fontsource/lxgw-wenkai'
const SERIF = '@expo-google-fonts/noto-serif-sc'
const SANS = '@expo-google-fonts/noto-sans-sc'
const PACKAGED = {
  wenkaiLight: { pkg: WENKAI, file: 'files/lxgw-wenkai-latin-300-normal.woff' },
  wenkaiRegular: { pkg: WENKAI, file: 'files/lxgw-wenkai-latin-500-normal.woff' },
  wenkaiBold: { pkg: WENKAI, file: 'files/lxgw-wenkai-latin-700-normal.woff' },
  serifRegular: { pkg: SERIF, file: '400Regular/NotoSerifSC_400Regular.ttf' },
  serifBold: { pkg: SERIF, file: '700Bold/NotoSerifSC_700Bold.ttf' },
  serifBlack: { pkg: SERIF, file: '900Black/NotoSerifSC_900Black.ttf' },
  sansMedium: { pkg: SANS, file: '500Medium/NotoSansSC_500Medium.ttf' },
} satisfies Record<string, Packaged>

const FACE_SETTINGS = { body: 'PDF_FONT_BODY', bold: 'PDF_FONT_BOLD', title: 'PDF_FONT_TITLE', mark: 'PDF_FONT_MARK', hei: 'PDF_FONT_HEI', kai: 'PDF_FONT_KAI', song: 'PDF_FONT_SONG' } as const satisfies Record<FaceName, string>

export const FACE_NAMES = Object.keys(FACE_SETTINGS) as FaceName[]

/** Characters each face must have (a face without them would print empty boxes). */
const SAMPLE: Record<FaceName, string> = { body: '中华人民共和国', bold: '中华人民共和国', title: '关于通知', mark: '人民政府文件', hei: '一二三', kai: '一二三', song: '—0123456789' }

/** The file (and .ttc face) a role is read from, and which setting named it. */
export type FontSource = { role: FaceName; setting: string; file: string; face?: string; configured: boolean }

/** Why a font cannot be used, naming the setting to change. */
export class FontSettingError extends Error {
  override name = 'FontSettingError'
}

type Env = Record<string, string | undefined>
const setting = (env: Env, name: string) => env[name]?.trim() || undefined

/** node_modules/<pkg>, looked for upwards from the working directory and from this file (bundled or not). */
function packageDir(pkg: string): string | null {
  const starts = [process.cwd()]
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)))
  } catch {
    // A bundle may have no file URL; the working directory is enough then.
  }
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', pkg)
      if (existsSync(/* turbopackIgnore: true */ path.join(candidate, 'package.json'))) return candidate
      if (path.dirname(dir) === dir) break
    }
  }
  return null
}

/** Where every face comes from under these settings (the process environment unless given). */
export function fontSources(env: Env = process.env): Record<FaceName, FontSource> {
  const configured = (role: FaceName, name: string = FACE_SETTINGS[role]): FontSource | null => {
    const file = setting(env, name)
    return file ? { role, setting: name, file: path.resolve(file), face: setting(env, `${name}_FACE`), configured: true } : null
  }
  const packaged = (role: FaceName, { pkg, file }: Packaged): FontSource => {
    const dir = packageDir(pkg)
    const location = dir && path.join(/* turbopackIgnore: true */ dir, file)
    if (!location || !existsSync(/* turbopackIgnore: true */ location)) {
      throw new FontSettingError(`${FACE_SETTINGS[role]} is not set and its default font, ${file} from the npm package ${pkg}, is not installed (run npm install, or set ${FACE_SETTINGS[role]} to a font file)`)
    }
    return { role, setting: FACE_SETTINGS[role], file: location, configured: false }
  }
  const bodyIsConfigured = !!setting(env, FACE_SETTINGS.body)
  const pick = (role: FaceName, fallback: () => FontSource) => configured(role) ?? fallback()
  const sources: Record<FaceName, FontSource> = {
    body: pick('body', () => packaged('body', PACKAGED.wenkaiLight)),
    // An office's 仿宋 has no bold of ours to match: its bold runs are set in 黑体, as offices do.
    bold: pick('bold', () => (bodyIsConfigured ? { ...pick('hei', () => packaged('bold', PACKAGED.sansMedium)), role: 'bold' } : packaged('bold', PACKAGED.wenkaiBold))),
    title: pick('title', () => packaged('title', PACKAGED.serifBold)),
    mark: pick('mark', () => (configured('mark', FACE_SETTINGS.title) ? { ...configured('mark', FACE_SETTINGS.title)!, role: 'mark' as const } : packaged('mark', PACKAGED.serifBlack))),
    hei: pick('hei', () => packaged('hei', PACKAGED.sansMedium)),
    kai: pick('kai', () => packaged('kai', PACKAGED.wenkaiRegular)),
    song: pick('song', () => packaged('song', PACKAGED.serifRegular)),
  }
  return sources
}

/** A face's metrics, in em, per code point; cached because every character of a document asks. */
export class FaceMetrics {
  private readonly advances = new Map<number, number>()
  private readonly present = new Map<number, boolean>()

  constructor(readonly font: fontkit.Font) {}

  advance(codePoint: number): number {
    let a = this.advances.get(codePoint)
    if (a === undefined) {
      a = this.font.glyphForCodePoint(codePoint).advanceWidth / this.font.unitsPerEm
      this.advances.set(codePoint, a)
    }
    return a
  }

  has(codePoint: number): boolean {
    let p = this.present.get(codePoint)
    if (p === undefined) {
      p = this.font.hasGlyphForCodePoint(codePoint)
      this.present.set(codePoint, p)
    }
    return p
  }
}

/** One font file (and face) as read for the process, shared by the roles that use it. */
type LoadedFont = { key: string; bytes: Uint8Array; font: fontkit.Font; metrics: FaceMetrics }
type LoadedFaces = Record<FaceName, LoadedFont>

const holder = globalThis as unknown as { __xietongFaces?: { key: string; faces: Promise<LoadedFaces> } }

/** fontkit's font, with the `encodeStream()` on its subsets that pdf-lib calls. */
function withEncodeStream(font: fontkit.Font): fontkit.Font {
  // pdf-lib serialises a subset through `encodeStream()`, which fontkit 2 removed; fontkit 1
  // (@pdf-lib/fontkit 1.1.1) still has it but writes broken CJK subsets. Give fontkit 2's subsets one.
  const createSubset = font.createSubset.bind(font)
  font.createSubset = () => {
    const subset = createSubset() as fontkit.Subset & { encodeStream?: () => unknown }
    subset.encodeStream = () => {
      const listeners: Record<string, ((value?: Uint8Array) => void) | undefined> = {}
      const stream = {
        on(event: string, listener: (value?: Uint8Array) => void) {
          listeners[event] = listener
          return stream
        },
      }
      setImmediate(() => {
        try {
          listeners.data?.(subset.encode())
          listeners.end?.()
        } catch (error) {
          listeners.error?.(error as Uint8Array)
        }
      })
      return stream
    }
    return subset
  }
  return font
}

const describe = (source: FontSource) => (source.configured ? `${source.setting}=${source.file}${source.face ? ` (${source.setting}_FACE=${source.face})` : ''}` : `${source.setting} (default ${source.file})`)

/** Read, unpack and parse one font, and check it can set its role's text; errors name the setting. */
async function openSource(source: FontSource): Promise<{ bytes: Uint8Array; font: fontkit.Font }> {
  let raw: Uint8Array
  try {
    raw = new Uint8Array(await readFile(/* turbopackIgnore: true */ source.file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new FontSettingError(`${describe(source)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a font file' : (error as Error).message}`)
  }
  let font: fontkit.Font
  let missing: string[]
  try {
    const bytes = await unpackWoff(raw)
    const opened = fontkit.create(bytes)
    if ('fonts' in opened) {
      const names = opened.fonts.map((f) => f.postscriptName)
      const face = source.face ? opened.fonts.find((f) => f.postscriptName === source.face) : opened.fonts[0]
      if (!face) throw new FontSettingError(`${describe(source)}: the collection has no face ${source.face} (its faces: ${names.join(', ')})`)
      font = face
    } else {
      font = opened
    }
    if (typeof font?.unitsPerEm !== 'number' || !font.unitsPerEm) throw new Error('no font header')
    // Reads the character map (a font without one throws here, not deep in pdf-lib).
    missing = [...SAMPLE[source.role]].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!))
    raw = bytes
  } catch (error) {
    if (error instanceof FontSettingError) throw error
    throw new FontSettingError(`${describe(source)}: cannot be read as a font (TrueType, OpenType, .ttc or WOFF): ${(error as Error).message}`)
  }
  if (missing.length) throw new FontSettingError(`${describe(source)}: the font has no ${missing.join('')} (a Chinese font covering GB2312 is needed)`)
  return { bytes: raw, font: withEncodeStream(font) }
}

const keyOf = (source: FontSource) => `${source.file}\u0000${source.face ?? ''}`

/**
 * Check the font settings at start-up: every configured font is read and parsed, and every default's
 * package is installed. Throws a `FontSettingError` naming the setting.
 */
export async function checkFontSettings(env: Env = process.env): Promise<void> {
  const sources = fontSources(env)
  const seen = new Set<string>()
  for (const source of Object.values(sources)) {
    if (!source.configured || seen.has(keyOf(source))) continue
    seen.add(keyOf(source))
    await openSource(source)
  }
}

/**
 * The faces under the current settings, read and parsed once per process (in parallel; about 1–2 s
 * and 150 MB the first time) and again if the settings change, keeping the fonts both sets share.
 */
export function loadFaces(): Promise<LoadedFaces> {
  let sources: Record<FaceName, FontSource>
  try {
    sources = fontSources()
  } catch (error) {
    return Promise.reject(error)
  }
  const key = FACE_NAMES.map((name) => keyOf(sources[name])).join('\u0001')
  const previous = holder.__xietongFaces
  if (previous?.key === key) return previous.faces
  const faces = (async () => {
    const kept = new Map(previous ? Object.values(await previous.faces.catch(() => ({}))).map((f: LoadedFont) => [f.key, f]) : [])
    const opening = new Map<string, Promise<LoadedFont>>()
    for (const name of FACE_NAMES) {
      const source = sources[name]
      const fontKey = keyOf(source)
      if (opening.has(fontKey)) continue
      const reused = kept.get(fontKey)
      opening.set(fontKey, reused ? Promise.resolve(reused) : openSource(source).then((opened) => ({ key: fontKey, ...opened, metrics: new FaceMetrics(opened.font) })))
    }
    const fonts = new Map(await Promise.all([...opening].map(async ([fontKey, font]) => [fontKey, await font] as const)))
    return Object.fromEntries(FACE_NAMES.map((name) => [name, fonts.get(keyOf(sources[name]))!])) as LoadedFaces
  })()
  holder.__xietongFaces = { key, faces }
  faces.catch(() => {
    if (holder.__xietongFaces?.faces === faces) holder.__xietongFaces = undefined
  })
  return faces
}

export type Faces = Record<FaceName, { pdf: PDFFont; metrics: FaceMetrics }>

/**
 * Embed every face into a new PDF as a subset (roles sharing a font share one subset). pdf-lib asks
 * its "fontkit" to open the bytes; ours hands back the font parsed once for the process (parsing
 * 15 MB again per document would cost more than the whole render), each embedding making its own
 * subset. Ligatures are off so one character is always one glyph, which the line layout counts on.
 */
export async function embedFaces(pdf: PDFDocument): Promise<Faces> {
  const loaded = await loadFaces()
  const byBytes = new Map(FACE_NAMES.map((name) => [loaded[name].bytes, loaded[name].font]))
  pdf.registerFontkit({
    create: (bytes: Uint8Array) => {
      const font = byBytes.get(bytes)
      if (!font) throw new Error('unknown font bytes')
      return font as never
    },
  })
  const embedded = new Map<string, PDFFont>()
  const faces = {} as Faces
  for (const name of FACE_NAMES) {
    const { key, bytes, font, metrics } = loaded[name]
    let pdfFont = embedded.get(key)
    if (!pdfFont) {
      // A subset's name carries a six-letter tag (ISO 32000 9.6.4), which tells readers it is partial.
      const tag = Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('')
      pdfFont = await pdf.embedFont(bytes, { subset: true, customName: `${tag}+${font.postscriptName}`, features: { liga: false, clig: false, dlig: false, calt: false } })
      embedded.set(key, pdfFont)
    }
    faces[name] = { pdf: pdfFont, metrics }
  }
  return faces
}
