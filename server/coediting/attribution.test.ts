import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Attribution } from './attribution.ts'

/** A seeded random source (mulberry32), so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

type Row = { update: Uint8Array; personId: string }

/** Three people type and delete in one text, often right next to each other's deletions. */
function history(seed: number, steps: number): { rows: Row[]; doc: Y.Doc } {
  const next = random(seed)
  const people = ['甲', '乙', '丙'].map((personId) => ({ personId, doc: new Y.Doc({ gc: false }) }))
  const rows: Row[] = []
  for (let i = 0; i < steps; i++) {
    const p = people[Math.floor(next() * people.length)]!
    const text = p.doc.getText('t')
    let update: Uint8Array | null = null
    const take = (u: Uint8Array) => (update = u)
    p.doc.once('update', take)
    if (text.length > 4 && next() < 0.45) text.delete(Math.floor(next() * (text.length - 2)), 1 + Math.floor(next() * 2))
    else text.insert(Math.floor(next() * (text.length + 1)), '文字'.slice(0, 1 + Math.floor(next() * 2)))
    rows.push({ update: update!, personId: p.personId })
    for (const o of people) if (o !== p) Y.applyUpdate(o.doc, update!)
    // Sometimes a client sends its whole state again (as on reconnecting): every deletion it knows.
    if (next() < 0.05) rows.push({ update: Y.encodeStateAsUpdate(people[0]!.doc), personId: people[0]!.personId })
  }
  return { rows, doc: people[0]!.doc }
}

/** The rule, item by item: a deletion belongs to the first stored update whose delete set holds it. */
function firstDeleters(rows: Row[]): Map<string, string> {
  const owner = new Map<string, string>()
  for (const row of rows) {
    for (const [client, ranges] of Y.decodeUpdate(row.update).ds.clients) {
      for (const { clock, len } of ranges) for (let c = clock; c < clock + len; c++) if (!owner.has(`${client}:${c}`)) owner.set(`${client}:${c}`, row.personId)
    }
  }
  return owner
}

describe('attribution', () => {
  it('credits each deletion to the first update that holds it, folded in one go or in two parts', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { rows } = history(seed, 400)
      const expected = firstDeleters(rows)
      expect(expected.size).toBeGreaterThan(50)

      const whole = new Attribution()
      for (const row of rows) whole.add(row.update, row.personId)
      // As compaction does it: fold the first part, store it, start again from what was stored.
      const half = Math.floor(rows.length / 2)
      const first = new Attribution()
      for (const row of rows.slice(0, half)) first.add(row.update, row.personId)
      const resumed = new Attribution(first.changedRows())
      for (const row of rows.slice(half)) resumed.add(row.update, row.personId)

      for (const [key, personId] of expected) {
        const [client, clock] = key.split(':').map(Number) as [number, number]
        const id = Y.createID(client, clock)
        expect(whole.deletedBy(id), `seed ${seed}, ${key}`).toBe(personId)
        expect(resumed.deletedBy(id), `seed ${seed}, ${key} (resumed)`).toBe(personId)
      }
    }
  })
})
