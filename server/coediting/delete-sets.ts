import * as Y from 'yjs'

/**
 * Yjs delete sets (client id → sorted, merged ranges of deleted clocks). Yjs exports their merge and
 * lookup but not their encoding, so a delete set is stored as the snapshot encoding of itself with an
 * empty state vector (`Y.encodeSnapshot`: the same delete-set format updates carry).
 */
export type DeleteSet = Y.Snapshot['ds']

export const emptyDeleteSet = (): DeleteSet => Y.createDeleteSet()

export const encodeDeleteSet = (ds: DeleteSet): Uint8Array => Y.encodeSnapshot(Y.createSnapshot(ds, new Map()))

export const decodeDeleteSet = (encoded: Uint8Array): DeleteSet => Y.decodeSnapshot(encoded).ds

export const mergeDeleteSets = (sets: DeleteSet[]): DeleteSet => Y.mergeDeleteSets(sets)

export const isDeleteSetEmpty = (ds: DeleteSet): boolean => [...ds.clients.values()].every((ranges) => ranges.length === 0)

/** What `a` deletes that `b` does not (both sorted and merged, as Yjs keeps them). */
export function subtractDeleteSet(a: DeleteSet, b: DeleteSet): DeleteSet {
  const result = Y.createDeleteSet()
  for (const [client, ranges] of a.clients) {
    const taken = b.clients.get(client) ?? []
    const left: { clock: number; len: number }[] = []
    let j = 0
    for (const range of ranges) {
      let start = range.clock
      const end = range.clock + range.len
      while (j < taken.length && taken[j]!.clock + taken[j]!.len <= start) j++
      let k = j
      while (start < end && k < taken.length && taken[k]!.clock < end) {
        const t = taken[k]!
        if (t.clock > start) left.push({ clock: start, len: t.clock - start })
        start = Math.max(start, t.clock + t.len)
        k++
      }
      if (start < end) left.push({ clock: start, len: end - start })
    }
    if (left.length) result.clients.set(client, left)
  }
  return result
}
