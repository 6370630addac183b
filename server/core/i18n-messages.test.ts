import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
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

  it('nests keys instead of dotting them (next-intl reads `a.b` as a path: a flat "seal.x" key is never found)', () => {
    const dotted = (node: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(node).flatMap(([k, v]) => [...(k.includes('.') ? [`${prefix}${k}`] : []), ...(v && typeof v === 'object' ? dotted(v as Record<string, unknown>, `${prefix}${k}/`) : [])])
    for (const name of ['zh-CN', 'en']) expect(dotted(load(name)), name).toEqual([])
  })

  it('has a message in both languages for every error code', () => {
    for (const name of ['zh-CN', 'en']) {
      const all = new Set(keys(load(name)))
      const missing = Object.keys(errorCodes).filter((code) => !all.has(`errors.${code}`))
      expect(missing, name).toEqual([])
    }
  })

  it('has one urgency word set: documents, the inbox and notices say 普通/加急/特急 alike', () => {
    for (const name of ['zh-CN', 'en']) {
      const m = load(name)
      expect(m.documents.urgencies, name).toEqual(m.inbox.urgencies)
    }
    expect(load('zh-CN').inbox.urgencies.NORMAL).toBe('普通')
  })

  it('names every audited action in both languages (the audit log shows names, not codes)', () => {
    const root = path.resolve(import.meta.dirname, '../..')
    const sources = ['server', 'scripts'].flatMap((dir) => (readdirSync(path.join(root, dir), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('generated'))
      .map((f) => readFileSync(path.join(root, dir, f), 'utf8')))
    const actions = new Set(sources.flatMap((text) => [...text.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1]!)))
    expect(actions.size).toBeGreaterThan(50)
    for (const name of ['zh-CN', 'en']) {
      const all = new Set(keys(load(name).admin.auditActions))
      expect([...actions].filter((a) => !all.has(a)), name).toEqual([])
    }
  })
})
