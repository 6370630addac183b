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

/**
 * A copy with range objects of its own. `Y.mergeDeleteSets` keeps its inputs' range objects where it
 * does not join them, and `addToDeleteSet` lengthens ranges in place: a set built by merging people's
 * sets, then added to, would otherwise lengthen a person's ranges too.
 */
export const copyDeleteSet = (ds: DeleteSet): DeleteSet => {
  const copy = Y.createDeleteSet()
  for (const [client, ranges] of ds.clients) copy.clients.set(client, ranges.map((r) => ({ clock: r.clock, len: r.len })))
  return copy
}

export const isDeleteSetEmpty = (ds: DeleteSet): boolean => [...ds.clients.values()].every((ranges) => ranges.length === 0)

type Range = { clock: number; len: number }

/** The first range of `ranges` (sorted, disjoint) that ends after `clock`. */
function firstEndingAfter(ranges: Range[], clock: number): number {
  let low = 0
  let high = ranges.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (ranges[mid]!.clock + ranges[mid]!.len <= clock) low = mid + 1
    else high = mid
  }
  return low
}

/** What `a` deletes that `b` does not (both sorted and merged, as Yjs keeps them). */
export function subtractDeleteSet(a: DeleteSet, b: DeleteSet): DeleteSet {
  const result = Y.createDeleteSet()
  for (const [client, ranges] of a.clients) {
    const taken = b.clients.get(client) ?? []
    const left: Range[] = []
    // Found by binary search: `b` is everything claimed so far in a long history, `a` one update's.
    let j = ranges.length ? firstEndingAfter(taken, ranges[0]!.clock) : 0
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

/**
 * Add `fresh` to `target` in place, keeping it sorted and merged. `fresh` must not overlap `target`
 * (it is what `subtractDeleteSet` left). Unlike `mergeDeleteSets`, which copies every range of both,
 * this costs a binary search and an insertion per fresh range: folding thousands of updates into a
 * growing set was quadratic, and compaction folds them all.
 */
export function addToDeleteSet(target: DeleteSet, fresh: DeleteSet): void {
  for (const [client, ranges] of fresh.clients) {
    let list = target.clients.get(client)
    if (!list) target.clients.set(client, (list = []))
    for (const range of ranges) {
      const at = firstEndingAfter(list, range.clock)
      const before = list[at - 1]
      const after = list[at]
      const end = range.clock + range.len
      const joinsBefore = before !== undefined && before.clock + before.len === range.clock
      const joinsAfter = after !== undefined && after.clock === end
      if (joinsBefore && joinsAfter) {
        before.len += range.len + after.len
        list.splice(at, 1)
      } else if (joinsBefore) {
        before.len += range.len
      } else if (joinsAfter) {
        list[at] = { clock: range.clock, len: range.len + after.len }
      } else {
        list.splice(at, 0, { clock: range.clock, len: range.len })
      }
    }
  }
}
