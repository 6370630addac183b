import type { Colour } from './gbt9704.ts'
import type { FaceName, Faces } from './fonts.ts'

/**
 * Text as the layout sees it: one glyph per character, each with its face, size and natural width.
 * Lines break between any two CJK characters, never inside a run of Latin letters or digits, and
 * follow the Chinese line-breaking rules (禁则): no line starts with closing punctuation
 * (，。、；：？！）」…) and none ends with opening punctuation (（「《“…).
 */
export type Style = {
  face: FaceName
  size: number
  colour?: Colour
  underline?: boolean
  strike?: boolean
  /**
   * Character grid pitch (GB/T 9704's 28 characters a line): every glyph advances by its natural
   * width plus (pitch − size), so a CJK character takes exactly one grid cell.
   */
  pitch?: number
  /** Horizontal scale (1 = as designed): a long organ name is narrowed to fit the measure. */
  scale?: number
}

export type Glyph = { ch: string; style: Style; width: number }

/** A forced line break inside a paragraph (hardBreak). */
export const HARD_BREAK = '\n'

const NO_START = new Set([...'，。、；：？！）］｝〕〉》」』】〗〙’”…—·％‰,.;:?!)]}%‾～〜゜ー'])
const NO_END = new Set([...'（［｛〔〈《「『【〖〘‘“([{'])
/** Squeezable into the end of a full line (their glyphs are half white space). */
const SQUEEZABLE = new Set([...'，。、；：？！）」』】》〕’”'])
const WORD = /^[A-Za-z0-9@#&_+\-./%'’]$/

export function glyphsOf(text: string, style: Style, faces: Faces): Glyph[] {
  const glyphs: Glyph[] = []
  const extra = style.pitch === undefined ? 0 : style.pitch - style.size
  for (const raw of text) {
    if (raw === HARD_BREAK) {
      glyphs.push({ ch: HARD_BREAK, style, width: 0 })
      continue
    }
    const ch = raw === '\t' ? ' ' : raw
    const cp = ch.codePointAt(0)!
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue
    // A character a face lacks (a bullet in 黑体, say) is taken from the body face.
    const face = faces[style.face].metrics.has(cp) || !faces.body.metrics.has(cp) ? style.face : 'body'
    const own = face === style.face ? style : { ...style, face }
    glyphs.push({ ch, style: own, width: faces[face].metrics.advance(cp) * style.size * (style.scale ?? 1) + extra })
  }
  return glyphs
}

export const widthOf = (glyphs: readonly Glyph[]) => glyphs.reduce((sum, g) => sum + g.width, 0)

export type BrokenLine = {
  glyphs: Glyph[]
  /** Natural width of the glyphs (trailing spaces left out). */
  width: number
  /** The line before a forced or paragraph end: not stretched to the full measure. */
  isLast: boolean
}

const isWordChar = (g: Glyph | undefined) => !!g && WORD.test(g.ch)

/** May a line end after glyphs[p − 1] and the next start at glyphs[p]? */
export function canBreakAt(glyphs: readonly Glyph[], p: number): boolean {
  const before = glyphs[p - 1]
  const after = glyphs[p]
  if (!before || !after) return true
  if (NO_START.has(after.ch) || NO_END.has(before.ch)) return false
  if (isWordChar(before) && isWordChar(after)) return false
  return true
}

const trimmedWidth = (glyphs: Glyph[]) => {
  let end = glyphs.length
  while (end > 0 && glyphs[end - 1]!.ch === ' ') end--
  return widthOf(glyphs.slice(0, end))
}

/**
 * Break glyphs into lines no wider than `firstWidth` (the first line) and `restWidth` (the others).
 * A closing punctuation mark that would start a line is squeezed into the end of the line before it
 * (as Word does, so full lines stay full); otherwise the break moves back to the nearest allowed place.
 */
export function breakLines(glyphs: readonly Glyph[], firstWidth: number, restWidth = firstWidth): BrokenLine[] {
  const lines: BrokenLine[] = []
  let start = 0
  const push = (end: number, isLast: boolean, next: number) => {
    const line = glyphs.slice(start, end)
    lines.push({ glyphs: line, width: trimmedWidth(line), isLast })
    start = next
  }
  while (start < glyphs.length) {
    const measure = lines.length === 0 ? firstWidth : restWidth
    let end = start
    let width = 0
    while (end < glyphs.length && glyphs[end]!.ch !== HARD_BREAK && (width + glyphs[end]!.width <= measure + 0.01 || glyphs[end]!.ch === ' ')) {
      width += glyphs[end]!.width
      end++
    }
    if (end === glyphs.length) {
      push(end, true, end)
      break
    }
    if (glyphs[end]!.ch === HARD_BREAK) {
      push(end, true, end + 1)
      continue
    }
    if (end === start) end = start + 1 // a glyph wider than the measure still goes somewhere
    if (canBreakAt(glyphs, end)) {
      push(end, false, end)
      continue
    }
    // One closing mark squeezed in, if that leaves an allowed break after it.
    if (SQUEEZABLE.has(glyphs[end]!.ch) && canBreakAt(glyphs, end + 1)) {
      if (glyphs[end + 1]?.ch === HARD_BREAK) push(end + 1, true, end + 2)
      else push(end + 1, end + 1 >= glyphs.length, end + 1)
      continue
    }
    let back = end - 1
    while (back > start && !canBreakAt(glyphs, back)) back--
    push(back > start ? back : end, false, back > start ? back : end)
  }
  return lines
}
