import * as Y from 'yjs'
import { SessionEndedError, StoreFailedError } from './persistence.ts'
import { QueueFullError } from './group-commit.ts'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { RawData, WebSocket } from 'ws'
import type { Logger } from '../server/core/logger.ts'
import type { Ticket } from '../server/realtime-tickets/index.ts'
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_SYNC, type Room } from './room.ts'
import { RateLimiter, type Limits } from './limits.ts'
import { guardAwareness } from './awareness-guard.ts'

export class ProtocolError extends Error {}

/**
 * One client on one document, speaking the y-websocket protocol. Messages are handled one at a time
 * (updates are stored in order); anything malformed or over a limit closes this connection only.
 */
export function serveConnection(ws: WebSocket, loading: Promise<Room>, docName: string, ticket: Ticket, limits: Limits, log: Logger): void {
  const limiter = new RateLimiter(limits.messagesPerSecond)
  // Listeners are attached at once and every message waits for the document to load: a message that
  // arrived while it loaded would otherwise be dropped.
  let room: Room | undefined
  let queue: Promise<unknown> = loading.then(
    (loaded) => {
      room = loaded
      start(loaded)
    },
    (error: unknown) => {
      log.error({ err: error, doc: docName }, 'document could not be loaded')
      ws.close(1011, 'document could not be loaded')
      throw error
    },
  )

  const close = (code: number, reason: string) => {
    log.warn({ doc: docName, personId: ticket.personId, code, reason }, 'realtime connection closed by the server')
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason.slice(0, 120))
  }

  const send = (message: Uint8Array) => {
    if (ws.readyState === ws.OPEN) ws.send(message)
  }

  const handle = async (data: Uint8Array) => {
    const r = room
    // Closing (access revoked, session ended): what it still sends is not taken.
    if (!r || ws.readyState !== ws.OPEN) return
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder)
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        syncProtocol.writeSyncStep2(encoder, r.doc, decoding.readVarUint8Array(decoder))
        send(encoding.toUint8Array(encoder))
      } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        const update = decoding.readVarUint8Array(decoder)
        if (ticket.right !== 'edit') {
          // Read-only: drop it, and say so (the stock client reports "permission denied").
          const encoder = encoding.createEncoder()
          encoding.writeVarUint(encoder, MESSAGE_AUTH)
          encoding.writeVarUint(encoder, 0)
          encoding.writeVarString(encoder, 'read-only: edits are not accepted')
          send(encoding.toUint8Array(encoder))
          return
        }
        // Only the V1 format is accepted, and it is parsed before anything is stored (a malformed
        // update must never reach the database, where it would break every later load).
        Y.decodeUpdate(update)
        if (!r.fits(update.byteLength, limits.maxDocumentBytes)) {
          throw new ProtocolError('document size limit')
        }
        await r.accept(update, ws, ticket.personId, ticket.sessionId)
      } else {
        throw new ProtocolError(`unknown sync message ${syncType}`)
      }
    } else if (type === MESSAGE_AWARENESS) {
      const own = r.connections.get(ws) ?? new Set<number>()
      const states = r.awareness.getStates()
      const guarded = guardAwareness(decoding.readVarUint8Array(decoder), ticket, own, (id) => states.has(id))
      if (guarded) awarenessProtocol.applyAwarenessUpdate(r.awareness, guarded, ws)
    } else {
      throw new ProtocolError(`unknown message type ${type}`)
    }
  }

  ws.on('message', (raw: RawData, isBinary: boolean) => {
    if (!limiter.take()) return close(1008, 'rate limit')
    if (!isBinary) return close(1003, 'text frames are not part of the protocol')
    const data = Buffer.isBuffer(raw) ? new Uint8Array(raw) : raw instanceof ArrayBuffer ? new Uint8Array(raw) : new Uint8Array(Buffer.concat(raw as Buffer[]))
    queue = queue.then(() => handle(data)).catch((error: unknown) => {
      if (!room) return
      // Our side failed to store (the client re-sends its state on reconnect); otherwise the message was bad.
      if (error instanceof SessionEndedError) close(4403, 'session ended')
      else if (error instanceof StoreFailedError || error instanceof QueueFullError) close(1011, 'could not store the update; reconnect')
      else close(1007, error instanceof Error ? `malformed message: ${error.message}` : 'malformed message')
    })
  })
  // Without an error listener, a bad frame (for example RSV bits set) would crash the process.
  ws.on('error', (error) => close(1002, `socket error: ${error.message}`))
  ws.on('close', () => room?.remove(ws))

  /** Join the room, start the sync and show who is here. */
  function start(loaded: Room) {
    if (ws.readyState !== ws.OPEN) return
    loaded.connections.set(ws, new Set())
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, loaded.doc)
    send(encoding.toUint8Array(encoder))
    const states = [...loaded.awareness.getStates().keys()]
    if (states.length) {
      const aw = encoding.createEncoder()
      encoding.writeVarUint(aw, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(loaded.awareness, states))
      send(encoding.toUint8Array(aw))
    }
  }
}
