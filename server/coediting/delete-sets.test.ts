import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addToDeleteSet, decodeDeleteSet, encodeDeleteSet, subtractDeleteSet, type DeleteSet } from './delete-sets.ts'

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

  it('adds disjoint ranges in place, joining neighbours, as merging would', () => {
    const target = ds({ 1: [[0, 2], [10, 2], [20, 5]] })
    const fresh = ds({ 1: [[2, 3], [8, 2], [12, 8], [30, 1]], 2: [[5, 1]] })
    const expected = plain(Y.mergeDeleteSets([ds({ 1: [[0, 2], [10, 2], [20, 5]] }), fresh]))
    addToDeleteSet(target, fresh)
    expect(plain(target)).toEqual(expected)
    expect(plain(target)).toEqual({ 1: [[0, 5], [8, 17], [30, 1]], 2: [[5, 1]] })
    // The fresh set's ranges were copied, not taken: changing the target leaves it alone.
    expect(plain(fresh)).toEqual({ 1: [[2, 3], [8, 2], [12, 8], [30, 1]], 2: [[5, 1]] })
  })
})
