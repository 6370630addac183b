import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import type { Persistence } from './persistence.ts'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2

/**
 * Origin of changes stored elsewhere (by another instance, or written outside the co-editing server):
 * they are forwarded to this room's clients but never stored or published again.
 */
export const REMOTE = Symbol('stored elsewhere')

/** Quiet time before a due compaction runs, and how far past due it runs regardless. */
const COMPACT_WHEN_QUIET_MS = 3000
const COMPACT_ANYWAY_FACTOR = 2

/** One open document: its Yjs state, who is connected, and their awareness (cursors, names). */
export class Room {
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Map<WebSocket, Set<number>>()
  private sinceCompaction = 0
  private compactTimer: NodeJS.Timeout | undefined
  /**
   * An upper bound of the document's encoded size, for the size limit: encoded once at load, then
   * grown by every update applied (re-encoding the document per update would cost the hot path).
   */
  sizeBound: number

  constructor(readonly name: string, readonly doc: Y.Doc, private readonly persistence: Persistence, tail: number) {
    this.sinceCompaction = tail
    this.sizeBound = Y.encodeStateAsUpdate(doc).byteLength
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.sizeBound += update.byteLength
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeUpdate(encoder, update)
      this.broadcast(encoding.toUint8Array(encoder), origin as WebSocket | undefined)
    })
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed]
      const ids = this.connections.get(origin as WebSocket)
      if (ids) {
        for (const id of added) ids.add(id)
        for (const id of removed) ids.delete(id)
      }
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
      this.broadcast(encoding.toUint8Array(encoder))
    })
  }

  broadcast(message: Uint8Array, except?: WebSocket): void {
    for (const ws of this.connections.keys()) {
      if (ws !== except && ws.readyState === ws.OPEN) ws.send(message)
    }
  }

  /**
   * Store first, then apply: once others see an update, it is on disk. Storing waits for the update's
   * batch to commit; if it fails (or too many updates are waiting), this throws before anything is
   * applied or forwarded, and the connection is closed: the client sends its state again on reconnecting.
   */
  async accept(update: Uint8Array, from: WebSocket, personId: string): Promise<void> {
    await this.persistence.store(this.name, update, personId)
    Y.applyUpdate(this.doc, update, from)
    this.scheduleCompaction()
  }

  /**
   * Compaction re-reads and re-encodes the whole stored document (on a thread of its own, but it
   * still takes a core and the database for a moment). So it waits until the document has been quiet
   * for a moment once enough updates have piled up; a document typed into without pause is compacted
   * anyway at twice the threshold. (At ten times, when compaction ran on the server's thread, the
   * one big compaction of a crowded document made the worst seconds of the fan-out bench; smaller,
   * more frequent ones off the thread did a little better: median p99 of three runs 36.5 against 41.6 ms.)
   */
  private scheduleCompaction(): void {
    const due = ++this.sinceCompaction >= this.persistence.compactThreshold
    if (!due) return
    if (this.sinceCompaction >= this.persistence.compactThreshold * COMPACT_ANYWAY_FACTOR) return this.compactNow()
    if (this.compactTimer) clearTimeout(this.compactTimer)
    this.compactTimer = setTimeout(() => this.compactNow(), COMPACT_WHEN_QUIET_MS)
    this.compactTimer.unref()
  }

  private compactNow(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer)
    this.compactTimer = undefined
    this.sinceCompaction = 0
    void this.persistence.compact(this.name).catch(() => undefined)
  }

  /** Apply an update that is already stored, and forward it to every client here. */
  applyStored(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE)
  }

  /** Re-read the stored document and apply what this room missed (while Redis or LISTEN was away). */
  async refresh(): Promise<void> {
    const { doc } = await this.persistence.load(this.name)
    this.applyStored(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.doc)))
  }

  remove(ws: WebSocket): void {
    const ids = this.connections.get(ws)
    this.connections.delete(ws)
    if (ids?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null)
  }
}
