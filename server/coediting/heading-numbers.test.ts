import { describe, expect, it } from 'vitest'
import { chineseNumeral, numberHeadings } from './heading-numbers.ts'

describe('heading numbers', () => {
  it('writes Chinese numerals up to 99 as headings do', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 30, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '三十', '九十九'])
    expect(chineseNumeral(100)).toBe('100')
    expect(() => chineseNumeral(0)).toThrow(RangeError)
  })

  it('numbers 一、（一）1.（1） and restarts each level under a new parent', () => {
    expect(numberHeadings([1, 2, 2, 3, 4, 4, 3, 4, 2, 1, 2, 3, 5])).toEqual([
      '一、', '（一）', '（二）', '1.', '（1）', '（2）', '2.', '（1）', '（三）', '二、', '（一）', '1.', '',
    ])
  })

  it('counts past ten: the eleventh first-level heading is 十一、', () => {
    const numbers = numberHeadings(Array.from({ length: 21 }, () => 1))
    expect(numbers.slice(9, 12)).toEqual(['十、', '十一、', '十二、'])
    expect(numbers[20]).toBe('二十一、')
    expect(numberHeadings([2, ...Array.from({ length: 11 }, () => 2)]).at(-1)).toBe('（十二）')
  })
})
