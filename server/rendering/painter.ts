import { rgb, setCharacterSpacing, setCharacterSqueeze, type PDFPage } from 'pdf-lib'
import { BLACK, type Colour } from './gbt9704.ts'
import type { Faces } from './fonts.ts'
import { glyphsOf, type BrokenLine, type Glyph, type Style } from './text.ts'

export type Align = 'left' | 'center' | 'right' | 'justify'

const sameStyle = (a: Style, b: Style) => a === b || (a.face === b.face && a.size === b.size && a.colour === b.colour && !!a.underline === !!b.underline && !!a.strike === !!b.strike && a.pitch === b.pitch && a.scale === b.scale)
const colourOf = (c: Colour | undefined) => rgb((c ?? BLACK).r, (c ?? BLACK).g, (c ?? BLACK).b)

/**
 * Draws on one page in the standard's terms: x from the left edge, y ("down") from the top edge.
 * Text goes out one run of one style at a time, in reading order, so text extraction gives it back
 * as written; the spacing of grid and justification is the PDF's character spacing (Tc), which keeps
 * each run a single string.
 */
export class Painter {
  constructor(readonly page: PDFPage, readonly faces: Faces) {}

  private pdfY(down: number) {
    return this.page.getHeight() - down
  }

  /** Glyphs from x on a baseline, each followed by `spacing` more than its own width. */
  glyphs(glyphs: readonly Glyph[], x: number, baseline: number, spacing = 0): number {
    let i = 0
    while (i < glyphs.length) {
      const style = glyphs[i]!.style
      let j = i + 1
      while (j < glyphs.length && sameStyle(glyphs[j]!.style, style)) j++
      const run = glyphs.slice(i, j)
      const width = run.reduce((sum, g) => sum + g.width + spacing, 0)
      const tc = (style.pitch === undefined ? 0 : style.pitch - style.size) + spacing
      const ops = [setCharacterSpacing(tc)]
      if (style.scale !== undefined && style.scale !== 1) ops.push(setCharacterSqueeze(style.scale * 100))
      this.page.pushOperators(...ops)
      this.page.drawText(run.map((g) => g.ch).join(''), { x, y: this.pdfY(baseline), size: style.size, font: this.faces[style.face].pdf, color: colourOf(style.colour) })
      this.page.pushOperators(setCharacterSpacing(0), ...(ops.length > 1 ? [setCharacterSqueeze(100)] : []))
      const lineWidth = Math.max(0.5, style.size / 20)
      if (style.underline) this.rule(x, x + width - spacing, baseline + style.size * 0.12, lineWidth, style.colour)
      if (style.strike) this.rule(x, x + width - spacing, baseline - style.size * 0.3, lineWidth, style.colour)
      x += width
      i = j
    }
    return x
  }

  /** One broken line in a measure `width` wide starting at x. */
  line(line: BrokenLine, x: number, width: number, baseline: number, align: Align) {
    let count = line.glyphs.length
    while (count > 0 && line.glyphs[count - 1]!.ch === ' ') count--
    const slack = width - line.width
    let spacing = 0
    if (align === 'justify' && count > 1 && (!line.isLast || slack < 0)) {
      spacing = slack / (count - 1)
      // A line left short by an unbreakable word is not spread letter by letter across the measure.
      if (spacing > (line.glyphs[0]?.style.size ?? 16)) spacing = 0
    } else if (align === 'center') {
      x += slack / 2
    } else if (align === 'right') {
      x += slack
    }
    this.glyphs(line.glyphs, x, baseline, spacing)
  }

  text(text: string, style: Style, x: number, baseline: number): number {
    return this.glyphs(glyphsOf(text, style, this.faces), x, baseline)
  }

  rule(x1: number, x2: number, down: number, thickness: number, colour?: Colour) {
    this.page.drawLine({ start: { x: x1, y: this.pdfY(down) }, end: { x: x2, y: this.pdfY(down) }, thickness, color: colourOf(colour) })
  }

  rect(x: number, top: number, width: number, height: number, thickness: number) {
    this.page.drawRectangle({ x, y: this.pdfY(top + height), width, height, borderWidth: thickness, borderColor: colourOf(BLACK) })
  }
}
