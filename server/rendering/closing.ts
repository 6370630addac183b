import type { Flow, FlowItem } from './flow.ts'
import type { Faces } from './fonts.ts'
import { baselineIn, LINE, PAGE, PITCH, SEAL_DIAMETER, SIZE, TYPE_RIGHT } from './gbt9704.ts'
import type { OfficialDocumentModel, SealAnchor } from './model.ts'
import { BODY, blankLine, keptTogether, paragraphItems } from './paragraphs.ts'
import { glyphsOf, widthOf } from './text.ts'

/**
 * After the body (GB/T 9704 7.3.4–7.3.6): the attachment list one line below it, two characters in
 * (a second name aligned under the first), kept on one page; the issuer name and date, the date four characters in
 * from the right and the name centred over it, with room above them for the seal, whose top must be
 * within a line of the text; the note in round brackets on the line after the date.
 */
const INDENT = 2 * PITCH

export function attachmentItems(names: readonly string[], faces: Faces): FlowItem[] {
  const list = names.map((n) => n.trim().replace(/[。．.；;，,]+$/, '')).filter(Boolean)
  if (list.length === 0) return []
  const label = widthOf(glyphsOf('附件：', BODY, faces))
  const lines = list.flatMap((name, i) => {
    const number = list.length > 1 ? `${i + 1}.` : ''
    const text = `${i === 0 ? '附件：' : ''}${number}${name}`
    const hang = INDENT + label + widthOf(glyphsOf(number, BODY, faces))
    return paragraphItems(glyphsOf(text, BODY, faces), { indentFirst: i === 0 ? INDENT : INDENT + label, indentRest: hang, align: 'left' })
  })
  // One list, on one page: a page that begins with its second name has lost what it lists.
  return [blankLine(), ...keptTogether(lines)]
}

export type Signature = { items: FlowItem[]; anchor: (flow: Flow) => SealAnchor }

/**
 * Two blank lines, the name, the date: kept on one page with the line above them, so the seal never
 * stands on a page without text. The seal's centre is a little above the middle of the name and date,
 * which then sit in its lower half (印章…使发文机关署名和成文日期居印章中心偏下位置).
 */
export function signature(model: OfficialDocumentModel, faces: Faces): Signature {
  const date = glyphsOf(model.date.trim(), BODY, faces)
  const name = glyphsOf(model.issuerName.trim(), BODY, faces)
  const dateX = TYPE_RIGHT - 4 * PITCH - widthOf(date)
  const centre = dateX + widthOf(date) / 2
  const nameX = Math.min(centre - widthOf(name) / 2, TYPE_RIGHT - widthOf(name))
  const nameItem: FlowItem = { height: LINE, keepWithPrevious: true, draw: (p, top) => p.glyphs(name, nameX, baselineIn(top, LINE, SIZE.body)) }
  const dateItem: FlowItem = { height: LINE, keepWithPrevious: true, draw: (p, top) => p.glyphs(date, dateX, baselineIn(top, LINE, SIZE.body)) }
  const items = [{ ...blankLine(), keepWithPrevious: true }, { ...blankLine(), keepWithPrevious: true }, nameItem, dateItem]
  return {
    items,
    anchor: (flow) => {
      const placed = flow.placements.find((p) => p.item === nameItem)!
      return { page: placed.page, x: centre, y: PAGE.height - (placed.top + 0.8 * LINE), diameterPt: SEAL_DIAMETER }
    },
  }
}

export function noteItems(note: string | null | undefined, faces: Faces): FlowItem[] {
  const text = note?.trim()
  if (!text) return []
  const bracketed = /^[（(].*[）)]$/.test(text) ? text : `（${text}）`
  // On the line after the date: never on a page of its own.
  const [first, ...rest] = paragraphItems(glyphsOf(bracketed, BODY, faces), { indentFirst: INDENT })
  return [{ ...first!, keepWithPrevious: true }, ...rest]
}
