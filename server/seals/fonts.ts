import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import * as fontkitModule from 'fontkit'

/** What this module uses of a fontkit font. */
export type FontkitPath = { commands: { command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath'; args: number[] }[] }
export type FontkitGlyph = { id: number; path: FontkitPath; advanceWidth: number }
export type FontkitFont = {
  unitsPerEm: number
  ascent: number
  descent: number
  glyphForCodePoint(codePoint: number): FontkitGlyph
  hasGlyphForCodePoint(codePoint: number): boolean
  createSubset(): { includeGlyph(glyph: FontkitGlyph | number): number; encode(): Uint8Array }
}
type Fontkit = { create(bytes: Uint8Array | Buffer): FontkitFont }
// fontkit 2 ships no types; server/rendering declares the members it uses, these are the ones used here.
const fontkit = fontkitModule as unknown as Fontkit

/** The Chinese faces shipped with the npm packages (so a fresh machine needs no system fonts). */
export const faces = {
  /** 宋体-like, bold: seals are engraved in 宋体. */
  serifBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  sans: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  sansBold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const
export type Face = keyof typeof faces

const bytesCache = new Map<Face, Buffer>()
const fontCache = new Map<Face, FontkitFont>()

export function fontBytes(face: Face): Buffer {
  let bytes = bytesCache.get(face)
  if (!bytes) {
    bytes = readFileSync(path.join(process.cwd(), 'node_modules', faces[face]))
    bytesCache.set(face, bytes)
  }
  return bytes
}

/** A parsed font, for glyph outlines (the seal's lettering is drawn as paths, not text). */
export function loadFont(face: Face): FontkitFont {
  let font = fontCache.get(face)
  if (!font) {
    font = fontkit.create(fontBytes(face))
    fontCache.set(face, font)
  }
  return font
}

/**
 * The object pdf-lib's `registerFontkit` expects, over upstream fontkit 2: fontkit 2 removed the
 * subset's `encodeStream()` pdf-lib calls, so it is put back on each subset (FACTS: "PDF and fonts").
 */
export const pdfLibFontkit = {
  create(bytes: Uint8Array): never {
    const font = fontkit.create(bytes)
    const createSubset = font.createSubset.bind(font)
    font.createSubset = () => {
      const subset = createSubset() as ReturnType<FontkitFont['createSubset']> & { encodeStream?: () => Readable }
      subset.encodeStream = () => Readable.from([subset.encode()])
      return subset
    }
    return font as never
  },
}
