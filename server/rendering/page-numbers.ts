import { rgb, type PDFPage } from 'pdf-lib'
import type { Faces } from './fonts.ts'
import { PAGE, PAGE_NUMBER_GAP, SIZE, TYPE_BOTTOM, TYPE_RIGHT, TYPE_AREA } from './gbt9704.ts'

/**
 * 7.5: `— 1 —` in 4号 宋体 (the serif's half-width digits) below the type area, the dashes' top 7 mm
 * under it; odd pages one character in from the right, even pages one character in from the left.
 * Appended pages of another size keep the same distances from their own edges.
 */
export function drawPageNumber(page: PDFPage, n: number, faces: Faces) {
  const { width } = page.getSize()
  const size = SIZE.small
  const font = faces.song.pdf
  // A half-width (0.5 em) space each side of the number, as 半角 type sets it; text extraction keeps
  // it as a space (a narrower one it drops).
  const dash = font.widthOfTextAtSize('—', size)
  const digits = String(n)
  const gap = size / 2
  const textWidth = 2 * dash + 2 * gap + font.widthOfTextAtSize(digits, size)
  const left = TYPE_AREA.left
  const right = width - (PAGE.width - TYPE_RIGHT)
  const x = n % 2 === 1 ? right - size - textWidth : left + size
  // PDF y runs up from the bottom edge, where the type area ends 35 mm up; the dash (drawn about
  // 0.35 em above the baseline) has its top 7 mm below that.
  const typeAreaBottom = PAGE.height - TYPE_BOTTOM
  const baseline = typeAreaBottom - PAGE_NUMBER_GAP - 0.35 * size
  const colour = rgb(0, 0, 0)
  page.drawText('—', { x, y: baseline, size, font, color: colour })
  page.drawText(digits, { x: x + dash + gap, y: baseline, size, font, color: colour })
  page.drawText('—', { x: x + textWidth - dash, y: baseline, size, font, color: colour })
}
