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
/** Wait before trying a failed (or busy) compaction again. */
const COMPACT_RETRY_MS = 10_000

/** One open document: its Yjs state, who is connected, and their awareness (cursors, names). */
export class Room {
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Map<WebSocket, Set<number>>()
  private sinceCompaction = 0
  private compactTimer: NodeJS.Timeout | undefined
  /** Updates being stored now (a room is unloaded only once this is 0: nothing it took is unstored). */
  inFlight = 0
  isDestroyed = false
  /**
   * An upper bound of the document's encoded size, for the size limit: encoded once at load, then
   * grown by every update applied (re-encoding the document per update would cost the hot path).
   * Updates repeat what the document holds (every reconnecting client's sync step 2 carries its whole
   * state), so the bound runs ahead of the size: `fits` measures again before refusing, and a
   * compaction measures again too.
   */
  sizeBound: number
  private measured: number

  constructor(readonly name: string, readonly doc: Y.Doc, private readonly persistence: Persistence, tail: number) {
    this.sinceCompaction = tail
    this.sizeBound = this.measured = Y.encodeStateAsUpdate(doc).byteLength
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

  /** Whether `bytes` more keep the document within `limit` (measured exactly before saying no). */
  fits(bytes: number, limit: number): boolean {
    if (this.sizeBound + bytes <= limit) return true
    if (this.sizeBound !== this.measured) this.measure()
    return this.sizeBound + bytes <= limit
  }

  private measure(): void {
    if (!this.isDestroyed) this.sizeBound = this.measured = Y.encodeStateAsUpdate(this.doc).byteLength
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
  async accept(update: Uint8Array, from: WebSocket, personId: string, sessionId: string | null = null): Promise<void> {
    this.inFlight++
    try {
      await this.persistence.store(this.name, update, personId, sessionId)
    } finally {
      this.inFlight--
    }
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
    const pending = this.sinceCompaction
    this.sinceCompaction = 0
    void this.persistence.compact(this.name).then(
      (compacted) => compacted && this.measure(),
      () => {
        // Failed, or the history was busy (a transition saving a version): the rows stay stored;
        // try again in a while, or when the document is next loaded.
        if (this.isDestroyed) return
        this.sinceCompaction += pending
        if (!this.compactTimer) {
          this.compactTimer = setTimeout(() => this.compactNow(), COMPACT_RETRY_MS)
          this.compactTimer.unref()
        }
      },
    )
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

  /**
   * Unloaded (its last connection gone, its updates stored): stop its timers and free the document.
   * A compaction that is due runs now rather than waiting for the document's next visitor.
   */
  destroy(): void {
    if (this.isDestroyed) return
    const due = this.sinceCompaction >= this.persistence.compactThreshold
    if (this.compactTimer || due) this.compactNow()
    this.isDestroyed = true
    this.awareness.destroy()
    this.doc.destroy()
  }

  remove(ws: WebSocket): void {
    const ids = this.connections.get(ws)
    this.connections.delete(ws)
    if (ids?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null)
  }
}
