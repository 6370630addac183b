/**
 * The page of GB/T 9704-2012 (党政机关公文格式), in PDF points (1 mm = 72 / 25.4 pt). Distances are
 * measured down from the top of the page, as the standard measures them; the painter turns them into
 * PDF coordinates.
 */
export const mm = (millimetres: number) => (millimetres * 72) / 25.4

/** 5.2.1: A4. */
export const PAGE = { width: mm(210), height: mm(297) }

/** 5.2.2: type area (版心) 156 mm × 225 mm, top margin (天头) 37 mm, left margin (订口) 28 mm. */
export const TYPE_AREA = { left: mm(28), top: mm(37), width: mm(156), height: mm(225) }
export const TYPE_RIGHT = TYPE_AREA.left + TYPE_AREA.width
export const TYPE_BOTTOM = TYPE_AREA.top + TYPE_AREA.height

/** Font sizes (字号) in points: 2号 22, 3号 16, 4号 14. */
export const SIZE = { title: 22, body: 16, small: 14 }

/**
 * 5.2.4: 22 lines of 28 characters in 3号 type. 28 × 16 pt is wider than 156 mm, so characters sit on
 * a grid of 156 mm / 28 (as Word's document grid does) and lines on 225 mm / 22.
 */
export const CHARS_PER_LINE = 28
export const LINES_PER_PAGE = 22
export const PITCH = TYPE_AREA.width / CHARS_PER_LINE
export const LINE = TYPE_AREA.height / LINES_PER_PAGE

/** 7.2.3: the organ mark's top edge is 35 mm below the type area's top (80 mm on upward documents). */
export const MARK_TOP = mm(35)
export const MARK_TOP_UPWARD = mm(80)
/** 7.2.6: the red separator 4 mm below the document number. */
export const SEPARATOR_GAP = mm(4)
export const SEPARATOR_WIDTH = 1.5

/** 7.3.5: a seal is about 42 mm across (the usual size of an organ's seal). */
export const SEAL_DIAMETER = mm(42)

/** 7.4.1: the thick first and last lines of the imprint 0.35 mm, the thin ones 0.25 mm. */
export const IMPRINT_THICK = mm(0.35)
export const IMPRINT_THIN = mm(0.25)

/** 7.5: page numbers in 4号, an em dash each side, its top 7 mm below the type area. */
export const PAGE_NUMBER_GAP = mm(7)

/** Red of the organ mark and separator (the usual 公文红, CMYK 0/100/100/0 printed). */
export const RED = { r: 0.902, g: 0, b: 0.071 }
export const BLACK = { r: 0, g: 0, b: 0 }
export type Colour = typeof BLACK

/** Where the ideographic em box sits: 0.12 em below the baseline to 0.88 em above (Noto CJK). */
export const EM_BOTTOM = 0.12
export const EM_TOP = 0.88

/** The baseline that centres `size` type in a line box starting at `top`, `height` tall. */
export const baselineIn = (top: number, height: number, size: number) => top + height / 2 + ((EM_TOP - EM_BOTTOM) / 2) * size
