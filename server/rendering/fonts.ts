import { randomInt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as fontkit from 'fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

/**
 * The faces of an official document and the files standing in for them. No free 仿宋 covers GB2312 and
 * no npm package ships a whole Kai (楷体) TTF (LXGW WenKai is only published as web-font slices), so:
 * body 仿宋 and page-number 宋体 → Noto Serif SC Regular; title 小标宋 and 楷体 → Noto Serif SC Bold;
 * the red organ mark (小标宋, heavy) → Noto Serif SC Black; 黑体 → Noto Sans SC Medium. All come from
 * node_modules (no system fonts, no network), are read once per process and embedded as subsets.
 */
export type FaceName = 'body' | 'bold' | 'mark' | 'hei'

const FILES: Record<FaceName, [pkg: string, file: string]> = {
  body: ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
  bold: ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  mark: ['@expo-google-fonts/noto-serif-sc', '900Black/NotoSerifSC_900Black.ttf'],
  hei: ['@expo-google-fonts/noto-sans-sc', '500Medium/NotoSansSC_500Medium.ttf'],
}

export const FACE_NAMES = Object.keys(FILES) as FaceName[]

/** node_modules/<pkg>, looked for upwards from the working directory and from this file (bundled or not). */
function packageDir(pkg: string): string {
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
  throw new Error(`font package ${pkg} is not installed (npm install)`)
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

type LoadedFace = { bytes: Uint8Array; font: fontkit.Font; metrics: FaceMetrics }

const holder = globalThis as unknown as { __xietongFaces?: Promise<Record<FaceName, LoadedFace>> }

function openFont(bytes: Uint8Array): fontkit.Font {
  const opened = fontkit.create(bytes)
  const font = 'fonts' in opened ? opened.fonts[0]! : opened
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

/** The four faces, read and parsed once per process (about 50 MB; 0.2–0.6 s the first time). */
export function loadFaces(): Promise<Record<FaceName, LoadedFace>> {
  holder.__xietongFaces ??= (async () => {
    const entries = await Promise.all(FACE_NAMES.map(async (name) => {
      const [pkg, file] = FILES[name]
      // Read at run time from node_modules: the bundler is told not to trace this path (it cannot).
      const location = path.join(/* turbopackIgnore: true */ packageDir(pkg), file)
      const bytes = new Uint8Array(await readFile(/* turbopackIgnore: true */ location))
      const font = openFont(bytes)
      return [name, { bytes, font, metrics: new FaceMetrics(font) }] as const
    }))
    return Object.fromEntries(entries) as Record<FaceName, LoadedFace>
  })().catch((error) => {
    holder.__xietongFaces = undefined
    throw error
  })
  return holder.__xietongFaces
}

export type Faces = Record<FaceName, { pdf: PDFFont; metrics: FaceMetrics }>

/**
 * Embed every face into a new PDF as a subset. pdf-lib asks its "fontkit" to open the bytes; ours
 * hands back the font parsed once for the process (parsing 15 MB again per document would cost more
 * than the whole render), each embedding making its own subset. Ligatures are off so one character is
 * always one glyph, which the line layout counts on.
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
  const faces = {} as Faces
  for (const name of FACE_NAMES) {
    // A subset's name carries a six-letter tag (ISO 32000 9.6.4), which tells readers it is partial.
    const tag = Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('')
    const pdfFont = await pdf.embedFont(loaded[name].bytes, { subset: true, customName: `${tag}+${loaded[name].font.postscriptName}`, features: { liga: false, clig: false, dlig: false, calt: false } })
    faces[name] = { pdf: pdfFont, metrics: loaded[name].metrics }
  }
  return faces
}
