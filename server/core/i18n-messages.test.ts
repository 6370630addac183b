import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { errorCodes } from './errors.ts'

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../messages/${name}.json`, import.meta.url), 'utf8'))

function keys(node: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(node).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(keys(load('en')).sort()).toEqual(keys(load('zh-CN')).sort())
  })

  it('has a message in both languages for every error code', () => {
    for (const name of ['zh-CN', 'en']) {
      const all = new Set(keys(load(name)))
      const missing = Object.keys(errorCodes).filter((code) => !all.has(`errors.${code}`))
      expect(missing, name).toEqual([])
    }
  })
})
