/** The parts of fontkit 2 (which ships no types) that the renderer uses. */
declare module 'fontkit' {
  export interface Glyph {
    id: number
    advanceWidth: number
  }
  export interface Subset {
    includeGlyph(glyph: number | Glyph): number
    encode(): Uint8Array
  }
  export interface Font {
    unitsPerEm: number
    postscriptName: string
    glyphForCodePoint(codePoint: number): Glyph
    hasGlyphForCodePoint(codePoint: number): boolean
    createSubset(): Subset
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | { fonts: Font[] }
}
