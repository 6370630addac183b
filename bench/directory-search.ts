import { performance } from 'node:perf_hooks'
import { createDb } from '../server/core/db/index.ts'
import { searchPeople } from '../server/directory/index.ts'
import { seededRandom } from '../server/platform/demo-data.ts'
import type { SeededPerson } from './seed-people.ts'

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** The queries people type: whole names, surname + first given character, pinyin, initials, phone tails. */
export function searchQueries(people: SeededPerson[], n: number): { kind: string; q: string }[] {
  const random = seededRandom(7)
  const pick = () => people[Math.floor(random() * people.length)]!
  const kinds = [
    ['full name', (p: SeededPerson) => p.name],
    ['name prefix', (p: SeededPerson) => p.name.slice(0, 2)],
    ['pinyin', (p: SeededPerson) => p.namePinyin.slice(0, Math.max(4, p.namePinyin.length - 2))],
    ['initials', (p: SeededPerson) => p.nameInitials.length >= 2 ? p.nameInitials : p.namePinyin.slice(0, 3)],
    ['phone tail', (p: SeededPerson) => p.phone.slice(-4)],
  ] as const
  return Array.from({ length: n }, (_, i) => {
    const [kind, make] = kinds[i % kinds.length]!
    return { kind, q: make(pick()) }
  })
}

export async function benchDirectorySearch(url: string, people: SeededPerson[], n = 1000) {
  const db = createDb(url, 4)
  const queries = searchQueries(people, n)
  for (const { q } of queries.slice(0, 50)) await searchPeople(db, { query: q }) // warm-up
  const byKind = new Map<string, number[]>()
  const all: number[] = []
  for (const { kind, q } of queries) {
    const started = performance.now()
    await searchPeople(db, { query: q })
    const ms = performance.now() - started
    all.push(ms)
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms])
  }
  await db.$disconnect()
  const summary = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b)
    return { n: s.length, p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s.at(-1)!.toFixed(2) }
  }
  return { all: summary(all), byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, summary(v)])) }
}
