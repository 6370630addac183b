import { describe, expect, it } from 'vitest'
import { breakLines, HARD_BREAK, type Glyph } from './text.ts'

/** Glyphs one unit wide (Latin half a unit), so measures count characters. */
const glyphs = (text: string): Glyph[] => [...text].map((ch) => ({ ch, style: { face: 'body', size: 1 }, width: /[\x20-\x7e]/.test(ch) ? 0.5 : 1 }))
const lines = (text: string, measure: number) => breakLines(glyphs(text), measure).map((l) => l.glyphs.map((g) => g.ch).join(''))

describe('breakLines (Chinese line breaking)', () => {
  it('breaks between any two CJK characters', () => {
    expect(lines('一二三四五六七八', 3)).toEqual(['一二三', '四五六', '七八'])
  })

  it('squeezes a closing mark into the line before rather than start a line with it', () => {
    expect(lines('一二三四五，六七', 5)).toEqual(['一二三四五，', '六七'])
  })

  it('moves the break back when two closing marks meet the end of a line', () => {
    expect(lines('一二三四五。”六七', 5)).toEqual(['一二三四', '五。”六七'])
  })

  it('never ends a line with an opening mark', () => {
    expect(lines('一二三四（五六）', 5)).toEqual(['一二三四', '（五六）'])
  })

  it('keeps Latin words and numbers whole', () => {
    expect(lines('共计2026年度', 3)).toEqual(['共计', '2026年', '度'])
    expect(lines('GB/T 9704', 3)).toEqual(['GB/T ', '9704'])
  })

  it('marks the lines that end a paragraph or a forced break', () => {
    const broken = breakLines(glyphs(`一二三四${HARD_BREAK}五六`), 3)
    expect(broken.map((l) => [l.glyphs.map((g) => g.ch).join(''), l.isLast])).toEqual([['一二三', false], ['四', true], ['五六', true]])
  })
})
