import type { FlowItem } from './flow.ts'
import type { Faces } from './fonts.ts'
import { baselineIn, LINE, SIZE, TYPE_AREA } from './gbt9704.ts'
import type { OfficialDocumentModel } from './model.ts'
import { BODY, blankLine, keptTogether, paragraphItems } from './paragraphs.ts'
import { glyphsOf, type Style } from './text.ts'
import { titleLines } from './title.ts'

/**
 * 7.3.1 title in 2号小标宋, centred, broken between words into even lines (`titleLines`). 7.3.2 main
 * recipients one line below, from the margin, ending with a full-width colon.
 */
const TITLE: Style = { face: 'title', size: SIZE.title }

export function titleItems(title: string, faces: Faces): FlowItem[] {
  const glyphs = glyphsOf(title.replace(/\s+/g, ' ').trim(), TITLE, faces)
  const lines = titleLines(glyphs, TYPE_AREA.width)
  if (lines.length === 0) return [blankLine()]
  return keptTogether(lines.map((line) => ({
    height: LINE,
    draw: (painter, top) => painter.glyphs(line.glyphs, TYPE_AREA.left + (TYPE_AREA.width - line.width) / 2, baselineIn(top, LINE, SIZE.title)),
  })))
}

export function recipientItems(model: OfficialDocumentModel, faces: Faces): FlowItem[] {
  const text = model.mainRecipients.trim().replace(/[:：]$/, '')
  if (!text) return [blankLine()]
  return [blankLine(), ...paragraphItems(glyphsOf(`${text}：`, BODY, faces))]
}
