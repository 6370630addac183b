import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeDeleteSet, encodeDeleteSet, subtractDeleteSet, type DeleteSet } from './delete-sets.ts'

const ds = (entries: Record<number, [clock: number, len: number][]>): DeleteSet => {
  const set = Y.createDeleteSet()
  for (const [client, ranges] of Object.entries(entries)) set.clients.set(Number(client), ranges.map(([clock, len]) => ({ clock, len })))
  return Y.mergeDeleteSets([set])
}
const plain = (set: DeleteSet) => Object.fromEntries([...set.clients].map(([c, r]) => [c, r.map((x) => [x.clock, x.len])]))

describe('delete sets', () => {
  it('subtracts ranges: what one deletes that another has not', () => {
    const a = ds({ 1: [[0, 10], [20, 5], [40, 3]], 2: [[0, 4]] })
    const b = ds({ 1: [[2, 3], [8, 14], [41, 1]], 3: [[0, 100]] })
    expect(plain(subtractDeleteSet(a, b))).toEqual({ 1: [[0, 2], [5, 3], [22, 3], [40, 1], [42, 1]], 2: [[0, 4]] })
    expect(plain(subtractDeleteSet(a, a))).toEqual({})
    expect(plain(subtractDeleteSet(a, ds({})))).toEqual(plain(a))
  })

  it('round-trips through its stored encoding', () => {
    const a = ds({ 7: [[3, 2], [9, 1]], 4000000000: [[0, 1]] })
    expect(plain(decodeDeleteSet(encodeDeleteSet(a)))).toEqual(plain(a))
  })
})
