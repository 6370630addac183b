import * as Y from 'yjs'
import type { Db } from '../server/core/db/index.ts'

/**
 * Documents live in PostgreSQL as a snapshot plus the updates after it. An update is stored before the
 * server applies or forwards it, so nothing a client has seen from another can be lost by a crash.
 */
/** Prisma's Bytes wants an ArrayBuffer-backed array; Yjs hands out ArrayBufferLike ones. */
const bytes = (u: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(u)

export class Persistence {
  constructor(private readonly db: Db, private readonly compactAfter = 500) {}

  /** The stored document. Throws if it cannot be read: the caller must not serve (or overwrite) it. */
  async load(docName: string): Promise<{ doc: Y.Doc; tail: number }> {
    const doc = new Y.Doc({ gc: true })
    const snapshot = await this.db.realtimeSnapshot.findUnique({ where: { docName } })
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    const updates = await this.db.realtimeUpdate.findMany({
      where: { docName, ...(snapshot ? { id: { gt: snapshot.upToId } } : {}) },
      orderBy: { id: 'asc' },
      select: { update: true },
    })
    Y.transact(doc, () => {
      for (const u of updates) Y.applyUpdate(doc, u.update)
    })
    return { doc, tail: updates.length }
  }

  async store(docName: string, update: Uint8Array, personId: string | null): Promise<void> {
    await this.db.realtimeUpdate.create({ data: { docName, update: bytes(update), personId } })
  }

  /**
   * Merge the updates into a new snapshot, in the background. The snapshot is built from what is
   * stored (not from memory), in one transaction that also deletes what it merged.
   */
  async compact(docName: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const snapshot = await tx.realtimeSnapshot.findUnique({ where: { docName } })
      const updates = await tx.realtimeUpdate.findMany({ where: { docName, ...(snapshot ? { id: { gt: snapshot.upToId } } : {}) }, orderBy: { id: 'asc' } })
      if (updates.length < this.compactAfter) return
      const merged = bytes(Y.mergeUpdates([...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.update)]))
      const upToId = updates.at(-1)!.id
      await tx.realtimeSnapshot.upsert({ where: { docName }, create: { docName, state: merged, upToId }, update: { state: merged, upToId } })
      await tx.realtimeUpdate.deleteMany({ where: { docName, id: { lte: upToId } } })
    })
  }

  get compactThreshold(): number {
    return this.compactAfter
  }
}
