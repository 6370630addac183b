import type { FlowItem } from './flow.ts'
import type { Faces } from './fonts.ts'
import { LINE, SIZE, TYPE_AREA } from './gbt9704.ts'
import type { OfficialDocumentModel } from './model.ts'
import { BODY, blankLine, keptTogether, paragraphItems } from './paragraphs.ts'
import { breakLines, glyphsOf, widthOf, type Glyph, type Style } from './text.ts'

/**
 * 7.3.1 title in 2号小标宋 (the bold serif), centred; a long title wraps into lines of even length
 * (the standard asks for a trapezoid or diamond, not one long line over a short one). 7.3.2 main
 * recipients one line below, from the margin, ending with a full-width colon.
 */
const TITLE: Style = { face: 'bold', size: SIZE.title }

/** The narrowest measure that still takes no more lines than the full width does. */
function balancedMeasure(glyphs: Glyph[]): number {
  const lines = breakLines(glyphs, TYPE_AREA.width).length
  if (lines <= 1) return TYPE_AREA.width
  let measure = Math.ceil(widthOf(glyphs) / lines)
  while (measure < TYPE_AREA.width && breakLines(glyphs, measure).length > lines) measure += SIZE.title / 2
  return Math.min(measure, TYPE_AREA.width)
}

export function titleItems(title: string, faces: Faces): FlowItem[] {
  const glyphs = glyphsOf(title.trim(), TITLE, faces)
  const measure = balancedMeasure(glyphs)
  return keptTogether(paragraphItems(glyphs, { x: TYPE_AREA.left + (TYPE_AREA.width - measure) / 2, width: measure, align: 'center', lineHeight: LINE }))
}

export function recipientItems(model: OfficialDocumentModel, faces: Faces): FlowItem[] {
  const text = model.mainRecipients.trim().replace(/[:：]$/, '')
  if (!text) return [blankLine()]
  return [blankLine(), ...paragraphItems(glyphsOf(`${text}：`, BODY, faces))]
}
