import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../server/core/logger.ts'
import { REMOTE, type Room } from './room.ts'

/**
 * Several co-editing servers serving the same documents, through Redis pub/sub with one channel per
 * open document. An update one instance accepted (and stored) is published; every other instance that
 * has the document open applies it and forwards it to its own clients, without storing it again.
 * Awareness (cursors, names) travels the same way, and an instance that opens a document asks the
 * others for theirs, so a newcomer sees everyone.
 *
 * Pub/sub delivers at most once. The database is the truth and Yjs updates are idempotent, so what is
 * missed while Redis is away is caught up from there: an instance whose subscription comes back
 * re-reads its open documents, and one that could not publish tells the others to re-read them.
 */
export type ScaleOutOptions = {
  url: string
  /** Prefix of every channel name (tests running side by side use their own). */
  prefix: string
  log: Logger
  /** How long opening a document waits for Redis to confirm the subscription. */
  subscribeTimeoutMs?: number
}

const KIND = {
  /** A Yjs update the sender has stored. */
  update: 0,
  /** An awareness update of the sender's clients. */
  awareness: 1,
  /** "Publish your clients' awareness": the sender has just opened the document. */
  queryAwareness: 2,
  /** "Re-read the document": the sender stored updates it could not publish. */
  stale: 3,
} as const
type Kind = (typeof KIND)[keyof typeof KIND]
type Message = { sender: string; kind: Kind; payload: Uint8Array }

function encodeMessage({ sender, kind, payload }: Message): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, sender)
  encoding.writeVarUint(encoder, kind)
  encoding.writeVarUint8Array(encoder, payload)
  return Buffer.from(encoding.toUint8Array(encoder))
}

function decodeMessage(data: Uint8Array): Message {
  const decoder = decoding.createDecoder(data)
  const sender = decoding.readVarString(decoder)
  const kind = decoding.readVarUint(decoder)
  if (!Object.values(KIND).includes(kind as Kind)) throw new Error(`unknown message kind ${kind}`)
  return { sender, kind: kind as Kind, payload: decoding.readVarUint8Array(decoder) }
}

/** A document this instance has open, or is opening (messages wait until its room exists). */
type OpenDocument = { room?: Room; waiting: Message[] }

type Role = 'publish' | 'subscribe'

export class ScaleOut {
  private readonly id = randomUUID()
  private readonly log: Logger
  private readonly pub: Redis
  private readonly sub: Redis
  private readonly documents = new Map<string, OpenDocument>()
  /** Documents with updates or awareness that could not be published. */
  private readonly unsent = new Set<string>()
  /** Counts the subscriber's connections: a subscription made in an older one may have missed messages. */
  private epoch = 0
  private isClosing = false

  constructor(private readonly options: ScaleOutOptions) {
    this.log = options.log.child({ concern: 'scale-out', instance: this.id })
    this.pub = this.connection('publish')
    this.sub = this.connection('subscribe')
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message))
    this.sub.on('ready', () => void this.resubscribe())
    this.pub.on('ready', () => this.publishUnsent())
  }

  /** Resolves once both connections are up, or have failed once (serving starts either way). */
  async started(timeoutMs = 3000): Promise<void> {
    const settled = (redis: Redis) =>
      new Promise<void>((resolve) => {
        if (redis.status === 'ready') return resolve()
        const done = () => {
          clearTimeout(timer)
          redis.off('ready', done).off('error', done)
          resolve()
        }
        const timer = setTimeout(done, timeoutMs)
        redis.once('ready', done).once('error', done)
      })
    await Promise.all([settled(this.pub), settled(this.sub)])
  }

  /**
   * Open a document: subscribe to its channel first, then load it (`open`), so nothing published
   * during the load is missed; what arrived meanwhile is applied once the room exists.
   */
  async join(name: string, open: () => Promise<Room>): Promise<Room> {
    const document: OpenDocument = { waiting: [] }
    this.documents.set(name, document)
    let subscribedIn: number | undefined
    if (this.sub.status === 'ready') {
      const epoch = this.epoch
      try {
        await withTimeout(this.sub.subscribe(this.channel(name)), this.options.subscribeTimeoutMs ?? 2000)
        subscribedIn = epoch
      } catch (error) {
        this.log.warn({ err: error, doc: name }, 'could not subscribe before loading; catching up after')
      }
    }
    let room: Room
    try {
      room = await open()
    } catch (error) {
      this.documents.delete(name)
      if (this.sub.status === 'ready') void this.sub.unsubscribe(this.channel(name)).catch(() => undefined)
      throw error
    }
    document.room = room
    this.share(name, room)
    for (const message of document.waiting.splice(0)) this.handle(name, room, message)
    if (this.sub.status !== 'ready') return room // the subscriber's next 'ready' catches it up
    if (subscribedIn === this.epoch) this.publish(name, KIND.queryAwareness)
    else void this.catchUp(name, room)
    return room
  }

  /** The document's room was unloaded here: stop hearing about it. */
  leave(name: string): void {
    if (!this.documents.delete(name)) return
    this.unsent.delete(name)
    if (this.sub.status === 'ready') void this.sub.unsubscribe(this.channel(name)).catch(() => undefined)
  }

  /** Channels subscribed to (tests). */
  get openDocuments(): number {
    return this.documents.size
  }

  async close(): Promise<void> {
    this.isClosing = true
    // QUIT is answered after what was sent before it (the awareness of clients just disconnected).
    await Promise.all([this.pub, this.sub].map((redis) => (redis.status === 'ready' ? redis.quit().then(() => undefined, () => redis.disconnect()) : redis.disconnect())))
  }

  private connection(role: Role): Redis {
    const redis = new Redis(this.options.url, {
      connectionName: `xietong-realtime-${role}`,
      // Commands fail at once while Redis is away (nothing piles up in memory); what could not be
      // published is caught up from the database when it is back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      autoResubscribe: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    })
    let state: 'connecting' | 'up' | 'down' = 'connecting'
    redis.on('ready', () => {
      if (state === 'down') this.log.info({ role }, 'Redis connection restored')
      state = 'up'
    })
    redis.on('close', () => {
      if (state === 'up' && !this.isClosing) this.log.warn({ role }, 'Redis connection lost; serving local clients only until it is back')
      state = 'down'
    })
    redis.on('error', (error: Error) => {
      if (this.isClosing) return
      if (state === 'down') this.log.debug({ err: error, role }, 'Redis still unreachable')
      else if (state === 'connecting') this.log.warn({ err: error, role }, 'Redis unreachable; serving local clients only until it is there')
      else this.log.warn({ err: error, role }, 'Redis error')
    })
    return redis
  }

  private channel(name: string): string {
    return `${this.options.prefix}doc:${name}`
  }

  /** Publish what this instance's clients do to the document. */
  private share(name: string, room: Room): void {
    const isOpen = () => this.documents.get(name)?.room === room
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE && isOpen()) this.publish(name, KIND.update, update)
    })
    room.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (!isOpen()) return
      // Every instance times out silent clients itself; only what a client here did is news.
      if (origin === REMOTE || origin === 'timeout') return
      this.publish(name, KIND.awareness, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...added, ...updated, ...removed]))
    })
  }

  private publish(name: string, kind: Kind, payload: Uint8Array = new Uint8Array()): void {
    if (this.isClosing) return
    if (this.pub.status !== 'ready') {
      this.unsent.add(name)
      return
    }
    this.pub.publish(this.channel(name), encodeMessage({ sender: this.id, kind, payload })).catch((error: unknown) => {
      this.unsent.add(name)
      this.log.debug({ err: error, doc: name }, 'could not publish; others re-read the document when Redis is back')
    })
  }

  private publishAwareness(name: string, room: Room): void {
    const states = room.awareness.getStates()
    const ids = [...room.connections.values()].flatMap((set) => [...set]).filter((id) => states.has(id))
    if (ids.length) this.publish(name, KIND.awareness, awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids))
  }

  /** The publisher is back: tell the others to re-read what they missed from here. */
  private publishUnsent(): void {
    const names = [...this.unsent]
    this.unsent.clear()
    for (const name of names) {
      const room = this.documents.get(name)?.room
      if (!room) continue
      this.publish(name, KIND.stale)
      this.publishAwareness(name, room)
    }
  }

  /** The subscriber is (back) up: subscribe to every open document and catch up what was missed. */
  private async resubscribe(): Promise<void> {
    const epoch = ++this.epoch
    const names = [...this.documents.keys()]
    if (names.length === 0) return
    try {
      await this.sub.subscribe(...names.map((name) => this.channel(name)))
    } catch (error) {
      this.log.warn({ err: error }, 'could not subscribe again; trying on the next connection')
      return
    }
    for (const [name, { room }] of this.documents) {
      if (epoch !== this.epoch) return // lost again; the next 'ready' starts over
      if (room) await this.catchUp(name, room)
    }
  }

  private async catchUp(name: string, room: Room): Promise<void> {
    try {
      await room.refresh()
    } catch (error) {
      this.log.warn({ err: error, doc: name }, 'could not re-read the document')
    }
    this.publish(name, KIND.queryAwareness)
  }

  private receive(channel: string, data: Buffer): void {
    const prefix = this.channel('')
    if (!channel.startsWith(prefix)) return
    const name = channel.slice(prefix.length)
    let message: Message
    try {
      message = decodeMessage(data)
    } catch (error) {
      this.log.warn({ err: error, doc: name }, 'malformed message on Redis; ignored')
      return
    }
    if (message.sender === this.id) return
    const document = this.documents.get(name)
    if (!document) return
    if (document.room) this.handle(name, document.room, message)
    else document.waiting.push(message)
  }

  private handle(name: string, room: Room, { kind, payload }: Message): void {
    try {
      if (kind === KIND.update) room.applyStored(payload)
      else if (kind === KIND.awareness) awarenessProtocol.applyAwarenessUpdate(room.awareness, payload, REMOTE)
      else if (kind === KIND.queryAwareness) this.publishAwareness(name, room)
      else if (kind === KIND.stale) void room.refresh().catch((error: unknown) => this.log.warn({ err: error, doc: name }, 'could not re-read the document'))
    } catch (error) {
      this.log.warn({ err: error, doc: name, kind }, 'could not apply a message from another instance')
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
