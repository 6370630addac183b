import type { FlowItem } from './flow.ts'
import { baselineIn, LINE, PITCH, SIZE, TYPE_AREA } from './gbt9704.ts'
import type { Align } from './painter.ts'
import { breakLines, type Glyph, type Style } from './text.ts'

/** Body type: 3号 on the 28-characters grid (the 仿宋 stand-in). */
export const BODY: Style = { face: 'body', size: SIZE.body, pitch: PITCH }

export type ParagraphLayout = {
  /** Left edge and width of the measure (the type area unless said otherwise). */
  x?: number
  width?: number
  /** First-line and later-line indents (GB/T 9704 7.3.3: 左空二字，回行顶格). */
  indentFirst?: number
  indentRest?: number
  align?: Align
  lineHeight?: number
}

/** A paragraph's lines as flow items; an empty paragraph is one blank line. */
export function paragraphItems(glyphs: Glyph[], layout: ParagraphLayout = {}): FlowItem[] {
  const x = layout.x ?? TYPE_AREA.left
  const width = layout.width ?? TYPE_AREA.width
  const indentFirst = layout.indentFirst ?? 0
  const indentRest = layout.indentRest ?? 0
  const lineHeight = layout.lineHeight ?? LINE
  const align = layout.align ?? 'justify'
  if (glyphs.length === 0) return [blankLine(lineHeight)]
  return breakLines(glyphs, width - indentFirst, width - indentRest).map((line, i) => {
    const indent = i === 0 ? indentFirst : indentRest
    const size = Math.max(SIZE.small, ...line.glyphs.map((g) => g.style.size))
    return { height: lineHeight, draw: (painter, top) => painter.line(line, x + indent, width - indent, baselineIn(top, lineHeight, size), align) }
  })
}

export const blankLine = (height = LINE): FlowItem => ({ height, isBlank: true, draw: () => undefined })

/** Keep lines together (a heading's lines; a block that must not be split). */
export function keptTogether(items: FlowItem[]): FlowItem[] {
  return items.map((item, i) => (i === 0 ? item : { ...item, keepWithPrevious: true }))
}
