import * as Y from 'yjs'
import type { Tx } from '../core/db/index.ts'
import { addToDeleteSet, copyDeleteSet, decodeDeleteSet, emptyDeleteSet, encodeDeleteSet, isDeleteSetEmpty, mergeDeleteSets, subtractDeleteSet, type DeleteSet } from './delete-sets.ts'
import { bytes, type FoldedAttribution, type StoredUpdate } from './stored-state.ts'

/**
 * Updates stored without a person (imports, scripts) are attributed to this id, so that what they
 * wrote or deleted is never credited to the next person whose update repeats it. Shown as unknown.
 */
export const UNKNOWN_PERSON = '00000000-0000-0000-0000-000000000000'

const known = (personId: string | undefined): string | null => (personId === undefined || personId === UNKNOWN_PERSON ? null : personId)

/**
 * Who wrote and who deleted what in one document.
 *
 * - A Yjs client id belongs to one connection, so to one person: the first stored update with structs
 *   of a client id gives it to its sender.
 * - A deletion belongs to the first stored update whose delete set contains it. Later updates repeat
 *   deletions: a y-websocket client answers the server's sync step 1 with its whole state, whose
 *   delete set holds every deletion the client knows, by anyone. The server stores an update before
 *   forwarding it, so the deleter's own update always comes first.
 */
export class Attribution {
  private readonly owners = new Map<number, string>()
  private readonly deletes = new Map<string, DeleteSet>()
  private claimed: DeleteSet = emptyDeleteSet()
  private readonly changed = new Set<string>()

  /** Start from what compaction folded before (older than any stored row). */
  constructor(folded: FoldedAttribution[] = []) {
    for (const row of folded) {
      for (const client of row.clientIds) if (!this.owners.has(Number(client))) this.owners.set(Number(client), row.personId)
      this.deletes.set(row.personId, decodeDeleteSet(row.deleteSet))
    }
    this.claimed = mergeDeleteSets([...this.deletes.values()].map(copyDeleteSet))
  }

  /** Add one stored update (in the order they were stored). */
  add(update: Uint8Array, personId: string | null): void {
    const person = personId ?? UNKNOWN_PERSON
    const decoded = Y.decodeUpdate(update)
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip || this.owners.has(struct.id.client)) continue
      this.owners.set(struct.id.client, person)
      this.changed.add(person)
    }
    // Normalised (sorted, merged): subtraction walks the ranges in order.
    const fresh = subtractDeleteSet(mergeDeleteSets([decoded.ds]), this.claimed)
    if (isDeleteSetEmpty(fresh)) return
    let own = this.deletes.get(person)
    if (!own) this.deletes.set(person, (own = emptyDeleteSet()))
    // In place: `fresh` overlaps neither (each person's set is part of what is claimed).
    addToDeleteSet(own, fresh)
    addToDeleteSet(this.claimed, fresh)
    this.changed.add(person)
  }

  /** The person whose connection created the item with this id, or null if nobody stored is known. */
  insertedBy(id: Y.ID): string | null {
    return known(this.owners.get(id.client))
  }

  /** The person who deleted the item with this id. */
  deletedBy(id: Y.ID): string | null {
    for (const [person, ds] of this.deletes) if (Y.isDeleted(ds, id)) return known(person)
    return null
  }

  /** Every person's delete set (for splitting items where one person's deletion ends). */
  deleteSets(): DeleteSet[] {
    return [...this.deletes.values()]
  }

  /** The folded form of the people whose attribution changed since construction. */
  changedRows(): FoldedAttribution[] {
    return [...this.changed].map((personId) => ({
      personId,
      clientIds: [...this.owners].filter(([, owner]) => owner === personId).map(([client]) => BigInt(client)),
      deleteSet: encodeDeleteSet(this.deletes.get(personId) ?? emptyDeleteSet()),
    }))
  }
}

/** Rows decoded between pauses when folding in the background (a few milliseconds of work). */
const SLICE = 200

/** Attribution as stored: the folded rows, then the update rows not yet compacted. */
export function attributionOf(history: { attributions: FoldedAttribution[]; updates: StoredUpdate[] }): Attribution {
  const attribution = new Attribution(history.attributions)
  for (const row of history.updates) attribution.add(row.update, row.personId)
  return attribution
}

/**
 * Fold update rows that compaction is about to delete into `RealtimeAttribution`. Call it under
 * `lockDocumentHistory`, with the folded rows read in the same transaction.
 */
export async function foldAttribution(tx: Tx, docName: string, folded: FoldedAttribution[], updates: StoredUpdate[], pause?: () => Promise<void>): Promise<void> {
  const attribution = new Attribution(folded)
  for (const [i, row] of updates.entries()) {
    attribution.add(row.update, row.personId)
    if (pause && i % SLICE === SLICE - 1) await pause()
  }
  for (const row of attribution.changedRows()) {
    const data = { clientIds: row.clientIds, deleteSet: bytes(row.deleteSet) }
    await tx.realtimeAttribution.upsert({
      where: { docName_personId: { docName, personId: row.personId } },
      create: { docName, personId: row.personId, ...data },
      update: data,
    })
  }
}
