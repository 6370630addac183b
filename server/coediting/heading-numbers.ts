/**
 * Heading numbers of official documents (GB/T 9704-2012, 7.3.3: "一、", "（一）", "1.", "（1）").
 * Pure and dependency-free, so the editor, the HTML renderer and the PDF renderer number alike.
 */

export const NUMBERED_HEADING_LEVELS = 4

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const

/**
 * 1…99 in Chinese numerals as written in headings: 十, 十一, 二十, 二十一. Beyond 99 (which no
 * document reaches) the Arabic number is used rather than inventing a form.
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a positive integer: ${n}`)
  if (n > 99) return String(n)
  const tens = Math.floor(n / 10)
  const ones = n % 10
  if (tens === 0) return DIGITS[ones]!
  return `${tens === 1 ? '' : DIGITS[tens]!}十${ones === 0 ? '' : DIGITS[ones]!}`
}

/** The number of the `count`th heading of a level: level 1 "一、", 2 "（一）", 3 "1.", 4 "（1）". */
export function formatHeadingNumber(level: number, count: number): string {
  switch (level) {
    case 1: return `${chineseNumeral(count)}、`
    case 2: return `（${chineseNumeral(count)}）`
    case 3: return `${count}.`
    case 4: return `（${count}）`
    default: return ''
  }
}

/**
 * Numbers headings in document order. A heading's counter counts from 1 again after each heading of
 * a higher level (a new "一、" starts its "（一）" afresh). Levels outside 1–4 get no number and
 * leave the counters alone.
 */
export function createHeadingNumberer(): (level: number) => string {
  const counters = Array.from({ length: NUMBERED_HEADING_LEVELS }, () => 0)
  return (level) => {
    if (!Number.isInteger(level) || level < 1 || level > NUMBERED_HEADING_LEVELS) return ''
    counters[level - 1]! += 1
    for (let deeper = level; deeper < NUMBERED_HEADING_LEVELS; deeper++) counters[deeper] = 0
    return formatHeadingNumber(level, counters[level - 1]!)
  }
}

/** The numbers of a whole list of heading levels, in order (for outlines and tables of contents). */
export function numberHeadings(levels: readonly number[]): string[] {
  const next = createHeadingNumberer()
  return levels.map((level) => next(level))
}
