import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import type { Persistence } from './persistence.ts'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2

/** One open document: its Yjs state, who is connected, and their awareness (cursors, names). */
export class Room {
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Map<WebSocket, Set<number>>()
  private sinceCompaction = 0

  constructor(readonly name: string, readonly doc: Y.Doc, private readonly persistence: Persistence, tail: number) {
    this.sinceCompaction = tail
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
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

  /** Store first, then apply: once others see an update, it is on disk. */
  async accept(update: Uint8Array, from: WebSocket, personId: string): Promise<void> {
    await this.persistence.store(this.name, update, personId)
    Y.applyUpdate(this.doc, update, from)
    if (++this.sinceCompaction >= this.persistence.compactThreshold) {
      this.sinceCompaction = 0
      void this.persistence.compact(this.name).catch(() => undefined)
    }
  }

  remove(ws: WebSocket): void {
    const ids = this.connections.get(ws)
    this.connections.delete(ws)
    if (ids?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null)
  }
}
