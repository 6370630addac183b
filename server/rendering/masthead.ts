import type { Faces } from './fonts.ts'
import { baselineIn, EM_BOTTOM, EM_TOP, LINE, MARK_TOP, MARK_TOP_UPWARD, PITCH, RED, SEPARATOR_GAP, SEPARATOR_WIDTH, SIZE, TYPE_AREA, TYPE_RIGHT } from './gbt9704.ts'
import { UPWARD_KINDS, type OfficialDocumentModel } from './model.ts'
import type { Painter } from './painter.ts'
import { BODY } from './paragraphs.ts'
import { glyphsOf, widthOf, type Style } from './text.ts'

/**
 * 版头 (GB/T 9704 7.2): copy number, marking and urgency top left in 3号黑体, one a line; the red
 * organ mark centred, its top 35 mm below the type area (80 mm on upward documents); two lines
 * below it the document number, centred (upward: one character in from the left, with 签发人 in
 * 仿宋 and the signer's name in 楷体 one character in from the right); 4 mm under the number a red
 * line across the type area.
 */
const MARK_MAX = 54
const MARK_MIN = 36

/** The organ mark: 文件 format for most kinds; 纪要 and 令 have their own endings; letters the name. */
export function organMark(model: Pick<OfficialDocumentModel, 'organName' | 'kind'>): string {
  const name = model.organName.trim()
  switch (model.kind) {
    case 'LETTER': return name
    case 'MINUTES': return name.endsWith('纪要') ? name : `${name}纪要`
    case 'ORDER': return `${name}令`
    default: return name.endsWith('文件') ? name : `${name}文件`
  }
}

/** Draw the masthead on the first page; returns where the title's first line begins. */
export function drawMasthead(painter: Painter, model: OfficialDocumentModel, faces: Faces): number {
  const hei: Style = { face: 'hei', size: SIZE.body }
  const corner = [model.copyNumber, model.marking, model.urgency].filter((s): s is string => !!s?.trim())
  corner.forEach((text, i) => painter.text(text.trim(), hei, TYPE_AREA.left, baselineIn(TYPE_AREA.top + i * LINE, LINE, SIZE.body)))

  const mark = organMark(model)
  const count = [...mark].length
  const size = Math.max(MARK_MIN, Math.min(MARK_MAX, TYPE_AREA.width / count))
  const plain: Style = { face: 'mark', size, colour: RED }
  const natural = widthOf(glyphsOf(mark, plain, faces))
  const style: Style = natural > TYPE_AREA.width ? { ...plain, scale: TYPE_AREA.width / natural } : plain
  const markGlyphs = glyphsOf(mark, style, faces)
  const isUpward = UPWARD_KINDS.has(model.kind)
  const markBaseline = TYPE_AREA.top + (isUpward ? MARK_TOP_UPWARD : MARK_TOP) + EM_TOP * size
  painter.glyphs(markGlyphs, TYPE_AREA.left + (TYPE_AREA.width - widthOf(markGlyphs)) / 2, markBaseline)

  const numberTop = markBaseline + EM_BOTTOM * size + 2 * LINE
  const numberBaseline = baselineIn(numberTop, LINE, SIZE.body)
  const number = glyphsOf(model.number ?? '', BODY, faces)
  if (isUpward) {
    painter.glyphs(number, TYPE_AREA.left + PITCH, numberBaseline)
    if (model.signerName?.trim()) {
      const signer = [...glyphsOf('签发人：', BODY, faces), ...glyphsOf(model.signerName.trim(), { ...BODY, face: 'kai' }, faces)]
      painter.glyphs(signer, TYPE_RIGHT - PITCH - widthOf(signer), numberBaseline)
    }
  } else {
    painter.glyphs(number, TYPE_AREA.left + (TYPE_AREA.width - widthOf(number)) / 2, numberBaseline)
  }
  const separator = numberBaseline + EM_BOTTOM * SIZE.body + SEPARATOR_GAP
  painter.rule(TYPE_AREA.left, TYPE_RIGHT, separator, SEPARATOR_WIDTH, RED)
  // 7.3.1: the title two lines below the separator.
  return separator + 2 * LINE
}
