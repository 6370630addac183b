import type { Faces } from './fonts.ts'
import { baselineIn, IMPRINT_THICK, IMPRINT_THIN, LINE, SIZE, TYPE_AREA, TYPE_BOTTOM, TYPE_RIGHT } from './gbt9704.ts'
import type { OfficialDocumentModel } from './model.ts'
import type { Painter } from './painter.ts'
import { breakLines, glyphsOf, widthOf, type Style } from './text.ts'

/**
 * 版记 (GB/T 9704 7.4) at the foot of the last page: 抄送 over 印发机关 and 印发日期, in 4号 body
 * type, one character in from each side; rules across the type area above, between and below them,
 * the first and last thick, the last on the type area's bottom edge.
 */
const IMPRINT: Style = { face: 'body', size: SIZE.small }
const ROW = LINE * 0.8

export type Imprint = { height: number; draw: (painter: Painter) => void }

export function imprintLayout(model: OfficialDocumentModel, faces: Faces): Imprint | null {
  const copyTo = model.copyTo?.trim().replace(/[。.，,；;]+$/, '')
  const organ = model.printingOrgan?.trim()
  const date = model.printingDate?.trim()
  const inset = SIZE.small
  const measure = TYPE_AREA.width - 2 * inset
  const label = glyphsOf('抄送：', IMPRINT, faces)
  const copyLines = copyTo ? breakLines([...label, ...glyphsOf(`${copyTo}。`, IMPRINT, faces)], measure, measure - widthOf(label)) : []
  const hasPrinting = !!(organ || date)
  if (!copyLines.length && !hasPrinting) return null
  const copyHeight = copyLines.length * ROW
  const height = copyHeight + (hasPrinting ? ROW : 0)
  return {
    height,
    draw: (painter) => {
      let top = TYPE_BOTTOM - height
      painter.rule(TYPE_AREA.left, TYPE_RIGHT, top, IMPRINT_THICK)
      copyLines.forEach((line, i) => {
        const x = TYPE_AREA.left + inset + (i === 0 ? 0 : widthOf(label))
        painter.line(line, x, measure - (i === 0 ? 0 : widthOf(label)), baselineIn(top + i * ROW, ROW, SIZE.small), 'left')
      })
      top += copyHeight
      if (hasPrinting) {
        if (copyLines.length) painter.rule(TYPE_AREA.left, TYPE_RIGHT, top, IMPRINT_THIN)
        const baseline = baselineIn(top, ROW, SIZE.small)
        if (organ) painter.text(organ, IMPRINT, TYPE_AREA.left + inset, baseline)
        if (date) {
          const printed = glyphsOf(`${date}印发`, IMPRINT, faces)
          painter.glyphs(printed, TYPE_RIGHT - inset - widthOf(printed), baseline)
        }
      }
      painter.rule(TYPE_AREA.left, TYPE_RIGHT, TYPE_BOTTOM, IMPRINT_THICK)
    },
  }
}
