/**
 * A lightweight editor for the load: one Y.Doc, one Awareness and one WebSocket, speaking the real wire
 * protocol of each server, without a provider's extras (BroadcastChannel, reconnect, re-broadcasting
 * other people's awareness). It applies every update it receives (its replica is a real editor's
 * document, so its edits land between other people's text), and reports each update it receives, with
 * the time it arrived, before applying it.
 *
 * Framings:
 *   y-websocket  ws://host/<doc>?ticket=…; messages are y-protocols sync/awareness as they are
 *                (our server and @y/websocket-server).
 *   hocuspocus   ws://host/; every message starts with the document's name (varString), then the
 *                same y-protocols payload; the first message is an Auth(token, provider version).
 *                As HocuspocusProvider 4.8 sends it (checked by the bench with the real provider).
 */
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

export type Framing = 'y-websocket' | 'hocuspocus'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_AUTH = 2
const MESSAGE_QUERY_AWARENESS = 3
const MESSAGE_SYNC_REPLY = 4
const MESSAGE_CLOSE = 7
const MESSAGE_SYNC_STATUS = 8
const MESSAGE_PING = 9
const MESSAGE_PONG = 10
const HOCUSPOCUS_PROVIDER_VERSION = '4.8.0'

/** Transaction origins: edits made here are sent; updates from the server are not sent back. */
const LOCAL = Symbol('local')
const REMOTE = Symbol('remote')

export type ClientOptions = {
  framing: Framing
  /** y-websocket: ws://host:port/<doc>?ticket=…; hocuspocus: ws://host:port */
  url: string
  docName: string
  token?: string
  name: string
  /** Called with each document update received from the server, before it is applied. */
  onRemoteUpdate: (client: LoadClient, update: Uint8Array, arrivedAt: number) => void
  onError: (client: LoadClient, message: string) => void
  /** The server closed the socket (it is opened again). `synced`: it had synced at least once. */
  onClose: (client: LoadClient, code: number, reason: string, synced: boolean) => void
}

export class LoadClient {
  readonly doc = new Y.Doc()
  readonly text = this.doc.getText('body')
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** Per sender (client id): index of the next of its edits this client has not yet received. */
  readonly watermark = new Map<number, number>()
  synced = false
  private ws: WebSocket | undefined
  private cursor = 0
  private stopping = false

  constructor(readonly options: ClientOptions) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) this.send((e) => (encoding.writeVarUint(e, MESSAGE_SYNC), syncProtocol.writeUpdate(e, update)))
    })
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== 'local') return // only our own state, as HocuspocusProvider does
      const changed = [...added, ...updated, ...removed]
      this.send((e) => (encoding.writeVarUint(e, MESSAGE_AWARENESS), encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))))
    })
  }

  /**
   * Opens the socket and resolves once the server's state has arrived (sync step 2). Like the stock
   * providers, a socket the server closes is opened again after 100 ms (edits typed meanwhile reach the
   * server through the next sync); `onClose` reports each such close.
   */
  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.docName}: not synced after ${timeoutMs} ms`)), timeoutMs)
      this.onFirstSync = () => {
        clearTimeout(timer)
        resolve()
      }
      this.onFailure = (error) => {
        clearTimeout(timer)
        reject(error)
      }
      this.open()
    })
  }

  private onFirstSync = () => {}
  private onFailure = (_error: Error) => {}

  private open(): void {
    const ws = new WebSocket(this.options.url, { perMessageDeflate: false })
    ws.binaryType = 'nodebuffer'
    this.ws = ws
    ws.on('open', () => {
      if (this.options.framing === 'hocuspocus') {
        this.send((e) => {
          encoding.writeVarUint(e, MESSAGE_AUTH)
          encoding.writeVarUint(e, 0) // AuthMessageType.Token
          encoding.writeVarString(e, this.options.token ?? '')
          encoding.writeVarString(e, HOCUSPOCUS_PROVIDER_VERSION)
        })
      }
      this.send((e) => (encoding.writeVarUint(e, MESSAGE_SYNC), syncProtocol.writeSyncStep1(e, this.doc)))
      this.awareness.setLocalStateField('user', { name: this.options.name, color: '#3366ff' })
    })
    ws.on('message', (data: Buffer) => {
      const arrivedAt = performance.now()
      try {
        if (this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), arrivedAt) && !this.synced) {
          this.synced = true
          this.onFirstSync()
        }
      } catch (error) {
        this.options.onError(this, `bad message: ${(error as Error).message}`)
      }
    })
    ws.on('unexpected-response', (_req, res) => this.onFailure(new Error(`${this.options.docName}: HTTP ${res.statusCode}`)))
    ws.on('error', (error) => this.onFailure(error))
    ws.on('close', (code, reason) => {
      if (this.stopping) return
      this.options.onClose(this, code, reason.toString(), this.synced)
      setTimeout(() => this.stopping || this.open(), 100)
    })
  }

  close(): void {
    this.stopping = true
    this.awareness.destroy()
    this.ws?.close()
  }

  /**
   * Types a few characters, as an input method commits them: mostly where this editor's cursor is,
   * sometimes somewhere else in the document. Returns the clock range of the new characters.
   */
  type(chars: string, jump: boolean): { start: number; end: number } {
    this.applyWaiting()
    const length = this.text.length
    if (jump || this.cursor > length) this.cursor = Math.floor(Math.random() * (length + 1))
    const start = Y.getState(this.doc.store, this.doc.clientID)
    this.doc.transact(() => this.text.insert(this.cursor, chars), LOCAL)
    this.cursor += chars.length
    return { start, end: Y.getState(this.doc.store, this.doc.clientID) }
  }

  /** Moves this editor's caret in its awareness state (a cursor update, as editors send). */
  moveCaret(): void {
    this.awareness.setLocalStateField('cursor', { index: this.cursor })
  }

  /**
   * Updates are applied after the turn of the event loop in which they arrived, not as each arrives:
   * the 50 clients of the crowded document all live in this process, and applying an update takes
   * each of them a little while, so the last of 49 sockets carrying the same update would otherwise
   * be read (and timed) only after the other 48 had applied it: the load process's own queue, not
   * the server's fan-out. Arrival is timed when the message is read; the same for every server.
   */
  private waiting: Uint8Array[] = []

  private applySoon(update: Uint8Array): void {
    this.waiting.push(update)
    if (this.waiting.length === 1) setImmediate(() => this.applyWaiting())
  }

  private applyWaiting(): void {
    if (this.waiting.length === 0) return
    const updates = this.waiting
    this.waiting = []
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE)
    }, REMOTE)
  }

  /** Returns true when the message was the server's answer to our sync step 1. */
  private receive(data: Uint8Array, arrivedAt: number): boolean {
    const hocuspocus = this.options.framing === 'hocuspocus'
    if (hocuspocus && data.length === 1 && data[0] === MESSAGE_PING) {
      this.ws?.send(Uint8Array.of(MESSAGE_PONG))
      return false
    }
    const decoder = decoding.createDecoder(data)
    if (hocuspocus) decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE_SYNC:
      case MESSAGE_SYNC_REPLY: {
        const syncType = decoding.readVarUint(decoder)
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          this.applyWaiting()
          this.send((e) => (encoding.writeVarUint(e, MESSAGE_SYNC), syncProtocol.readSyncStep1(decoder, e, this.doc)))
          return false
        }
        const update = decoding.readVarUint8Array(decoder)
        this.options.onRemoteUpdate(this, update, arrivedAt)
        if (syncType === syncProtocol.messageYjsUpdate) {
          this.applySoon(update)
          return false
        }
        this.applyWaiting()
        Y.applyUpdate(this.doc, update, REMOTE)
        return syncType === syncProtocol.messageYjsSyncStep2
      }
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), REMOTE)
        return false
      case MESSAGE_AUTH: {
        const authType = decoding.readVarUint(decoder)
        // y-websocket: 0 = permission denied. Hocuspocus: 1 = denied, 2 = authenticated.
        if ((!hocuspocus && authType === 0) || (hocuspocus && authType === 1)) this.options.onError(this, `permission denied: ${decoding.readVarString(decoder)}`)
        return false
      }
      case MESSAGE_QUERY_AWARENESS:
        this.send((e) => (encoding.writeVarUint(e, MESSAGE_AWARENESS), encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]))))
        return false
      case MESSAGE_SYNC_STATUS:
        return false
      case MESSAGE_CLOSE:
        this.options.onError(this, `closed by the server: ${decoding.readVarString(decoder)}`)
        return false
      default:
        this.options.onError(this, `unknown message type ${type}`)
        return false
    }
  }

  private send(write: (e: encoding.Encoder) => void): void {
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN) return
    const e = encoding.createEncoder()
    if (this.options.framing === 'hocuspocus') encoding.writeVarString(e, this.options.docName)
    write(e)
    ws.send(encoding.toUint8Array(e))
  }
}
