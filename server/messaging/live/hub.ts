/**
 * Live delivery of messages over a WebSocket on the platform's own server (path MESSAGING_SOCKET_PATH).
 * A browser opens it with a one-minute signed ticket (server/realtime-tickets, like co-editing) from a
 * page of this origin; the socket lasts while the ticket's session does.
 *
 * Protocol (JSON text frames). Client: `{t:'hello', since:{<conversation>: <last seq seen>}}` first.
 * Server: `ready` (the conversations served), then `msg` (each message exactly once per socket, in
 * sequence order per conversation), `recall`, `read`, `added`/`removed` (membership changed),
 * `reset` (more was missed than a socket is sent; read it through the history API).
 *
 * Exactly once, in order: each socket remembers the last sequence it was sent per conversation. An
 * event at or below it is dropped (a duplicate); one past a gap first reads the gap from the database
 * (the truth). Everything for one socket runs through one queue, so nothing overtakes.
 *
 * Scale-out: with a Redis URL, events are published there and each process's hub has one
 * subscription, delivering to its own sockets through maps keyed by conversation and person (entries
 * go when their last socket closes). Access: the database NOTIFYs when a person's membership may have
 * changed (messaging migration) or a session ended (realtime_access_notify); that person is re-checked
 * at once. A periodic round (one scheduler, never overlapping) re-checks sessions in one query and
 * document threads per (document, person): a document can pass out of sight without a row changing
 * (a delegation ending).
 */
import type http from 'node:http'
import type { Duplex } from 'node:stream'
import { Redis } from 'ioredis'
import { WebSocketServer, type WebSocket } from 'ws'
import { actorOf } from '../../auth/index.ts'
import type { Actor } from '../../core/authz/index.ts'
import { clock } from '../../core/clock.ts'
import { config } from '../../core/config.ts'
import { Prisma, type Db } from '../../core/db/index.ts'
import { listenOnChannel, REALTIME_ACCESS_CHANNEL, type ChannelListener } from '../../core/events.ts'
import { logger as rootLogger } from '../../core/logger.ts'
import { ticketSecret, verifyTicket, type Ticket } from '../../realtime-tickets/index.ts'
import { configureMessagingPublisher, MESSAGING_ACCESS_CHANNEL, messagingChannel, registerMessagingSink, type MessagingEvent } from '../events.ts'
import { objectOf, objectThreads, type ObjectKind } from '../objects.ts'
import { messagingPolicy } from '../policy.ts'
import { MESSAGING_SOCKET_PATH, MESSAGING_TICKET_DOC } from '../ticket.ts'
import { MESSAGE_JOINS, MESSAGE_SELECT, toView, type MessageRow } from '../views.ts'

export const REVOKED = 4403
/** The most missed messages a socket is sent for one conversation on reconnect; beyond: `reset`. */
const MAX_FILL = 500
const HELLO_TIMEOUT_MS = 10_000

type Client = {
  ws: WebSocket
  ticket: Ticket
  /** Per conversation: the last sequence this socket was sent (undefined until its hello). */
  sent: Map<string, number>
  /** The conversations this socket is indexed under (so closing it touches only those). */
  subs: Set<string>
  queue: Promise<void>
  /** Work items queued and not yet done: at 0 a message in order is sent at once, without the queue. */
  pending: number
  hello: boolean
}

type Subscription = { clients: Set<Client>; object: { kind: ObjectKind; id: string } | null }
type ConversationRef = { id: string; kind: string; documentId: string | null; meetingId: string | null; supervisionItemId: string | null }

export type MessagingHub = {
  /** Takes the upgrade if it is for the messaging path; false: not ours. */
  handleUpgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => boolean
  close: () => Promise<void>
  stats: { rounds: number; clients: () => number; conversations: () => number; people: () => number }
  /** Resolves when no access round is running or waiting (tests). */
  settled: () => Promise<void>
}

export async function startMessagingHub(options: {
  db: Db
  /** Redis shared with other instances (default REDIS_URL); null: this process alone. */
  redisUrl?: string | null
  redisPrefix?: string
  /** The periodic re-check (sessions, document threads). */
  recheckMs?: number
  databaseUrl?: string
  /** Origins whose pages may open the socket besides the request's own host and PUBLIC_URL. */
  allowedOrigins?: string[]
}): Promise<MessagingHub> {
  const { db } = options
  const log = rootLogger.child({ component: 'messaging-live' })
  const secret = await ticketSecret(db)
  const redisUrl = options.redisUrl === undefined ? (config().REDIS_URL ?? null) : options.redisUrl
  configureMessagingPublisher({ redisUrl, prefix: options.redisPrefix })

  const byConversation = new Map<string, Subscription>()
  const byPerson = new Map<string, Set<Client>>()
  const clientOf = new WeakMap<WebSocket, Client>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  wss.on('error', (error) => log.error({ err: error }, 'websocket server error'))

  const send = (client: Client, frame: unknown) => {
    if (client.ws.readyState === client.ws.OPEN) client.ws.send(JSON.stringify(frame))
  }
  /** A frame serialised once for every socket it goes to (a message to 500 members: one JSON.stringify). */
  const sendEncoded = (client: Client, bytes: Buffer) => {
    if (client.ws.readyState === client.ws.OPEN) client.ws.send(bytes, { binary: false })
  }
  const enqueue = (client: Client, work: () => Promise<void>) => {
    client.pending++
    client.queue = client.queue.then(work).catch((error: unknown) => {
      log.warn({ err: error }, 'messaging delivery failed; closing the socket')
      client.ws.close(1011, 'delivery failed')
    }).finally(() => { client.pending-- })
  }

  const subscribe = (client: Client, c: ConversationRef) => {
    let sub = byConversation.get(c.id)
    if (!sub) byConversation.set(c.id, (sub = { clients: new Set(), object: objectOf(c) }))
    sub.clients.add(client)
    client.subs.add(c.id)
  }
  const unsubscribe = (client: Client, conversationId: string) => {
    const sub = byConversation.get(conversationId)
    client.sent.delete(conversationId)
    client.subs.delete(conversationId)
    if (!sub) return
    sub.clients.delete(client)
    if (sub.clients.size === 0) byConversation.delete(conversationId)
  }
  const drop = (client: Client) => {
    for (const id of [...client.subs]) unsubscribe(client, id)
    const mine = byPerson.get(client.ticket.personId)
    mine?.delete(client)
    if (mine?.size === 0) byPerson.delete(client.ticket.personId)
  }

  /** Messages (from, to] of a conversation, in order, from the database. */
  const readRange = async (conversationId: string, from: number, to: number) => {
    const rows = await db.$queryRaw<MessageRow[]>`
      SELECT ${Prisma.raw(MESSAGE_SELECT)} FROM "Message" m ${Prisma.raw(MESSAGE_JOINS)}
       WHERE m."conversationId" = ${conversationId}::uuid AND m.seq > ${from} AND m.seq <= ${to} ORDER BY m.seq`
    return rows.map(toView)
  }
  /** Bring a socket from `sent` up to `to` for a conversation: the missed messages, once each, or a reset. */
  const fill = async (client: Client, conversationId: string, to: number) => {
    const from = client.sent.get(conversationId)
    if (from === undefined || to <= from) return
    if (to - from > MAX_FILL) {
      client.sent.set(conversationId, to)
      return send(client, { t: 'reset', c: conversationId, seq: to })
    }
    for (const m of await readRange(conversationId, from, to)) {
      if (!client.sent.has(conversationId)) return
      send(client, { t: 'msg', m })
      client.sent.set(conversationId, m.seq)
    }
    if (client.sent.has(conversationId)) client.sent.set(conversationId, Math.max(client.sent.get(conversationId)!, to))
  }

  /** The person's conversations now (policy), with their last sequences. */
  const conversationsOf = async (actor: Actor) => {
    const where = await messagingPolicy.memberSql(db, actor)
    return db.$queryRaw<ConversationRef[]>`
      SELECT c.id::text AS id, c.kind::text AS kind, c."documentId"::text AS "documentId", c."meetingId"::text AS "meetingId",
             c."supervisionItemId"::text AS "supervisionItemId" FROM "Conversation" c WHERE ${where}`
  }
  const lastSeqs = async (ids: string[]) => {
    if (!ids.length) return new Map<string, number>()
    const rows = await db.$queryRaw<{ id: string; lastSeq: number }[]>`SELECT id::text AS id, "lastSeq" FROM "Conversation" WHERE id = ANY(${ids}::uuid[])`
    return new Map(rows.map((r) => [r.id, r.lastSeq]))
  }

  const onHello = async (client: Client, since: Record<string, unknown>) => {
    const actor = await actorOf(db, client.ticket.personId)
    if (!actor) return void client.ws.close(REVOKED, 'access revoked')
    const conversations = await conversationsOf(actor)
    // Subscribed before the sequences are read: an event committed after the read is queued behind this.
    for (const c of conversations) subscribe(client, c)
    const last = await lastSeqs(conversations.map((c) => c.id))
    for (const c of conversations) {
      const lastSeq = last.get(c.id) ?? 0
      const seen = since[c.id]
      client.sent.set(c.id, typeof seen === 'number' && Number.isInteger(seen) && seen >= 0 && seen < lastSeq ? seen : lastSeq)
    }
    client.hello = true
    send(client, { t: 'ready', conversations: Object.fromEntries(conversations.map((c) => [c.id, last.get(c.id) ?? 0])) })
    for (const c of conversations) await fill(client, c.id, last.get(c.id) ?? 0)
  }

  const deliver = (event: MessagingEvent) => {
    if (event.t === 'people') return recheckPeople(event.p)
    const sub = byConversation.get(event.c)
    if (!sub) return
    const bytes = Buffer.from(JSON.stringify(event.t === 'msg' ? { t: 'msg', m: event.m } : event))
    for (const client of sub.clients) {
      // The common case, with nothing queued for this socket: the next message in order (or any other
      // event) goes out now, with no promise per socket. Anything else waits its turn in the queue.
      if (client.pending === 0 && client.hello) {
        const sent = client.sent.get(event.c)
        if (sent === undefined) continue
        if (event.t !== 'msg') { sendEncoded(client, bytes); continue }
        if (event.seq <= sent) continue
        if (event.seq === sent + 1) { sendEncoded(client, bytes); client.sent.set(event.c, event.seq); continue }
      }
      enqueue(client, async () => {
        if (!client.hello || !client.sent.has(event.c)) return
        if (event.t !== 'msg') return sendEncoded(client, bytes)
        const sent = client.sent.get(event.c)!
        if (event.seq <= sent) return
        if (event.seq > sent + 1) await fill(client, event.c, event.seq - 1)
        if (!client.sent.has(event.c) || client.sent.get(event.c)! >= event.seq) return
        sendEncoded(client, bytes)
        client.sent.set(event.c, event.seq)
      })
    }
  }

  // ── Access re-checks: one scheduler; people named by NOTIFY at once, everything every recheckMs ──
  const pendingPeople = new Set<string>()
  let pendingAll = false
  let running: Promise<void> | undefined
  let closed = false
  const stats = { rounds: 0, clients: () => wss.clients.size, conversations: () => byConversation.size, people: () => byPerson.size }

  function recheckPeople(ids: Iterable<string>) {
    for (const id of ids) if (byPerson.has(id)) pendingPeople.add(id)
    pump()
  }
  const recheckAll = () => {
    pendingAll = true
    pump()
  }
  function pump() {
    if (running || closed || (!pendingAll && pendingPeople.size === 0)) return
    running = (async () => {
      while (!closed && (pendingAll || pendingPeople.size > 0)) {
        const all = pendingAll
        const people = [...pendingPeople]
        pendingAll = false
        pendingPeople.clear()
        stats.rounds++
        await (all ? roundAll() : roundPeople(people)).catch((error: unknown) => log.warn({ err: error }, 'messaging access re-check failed'))
      }
    })().finally(() => {
      running = undefined
    })
  }

  const liveSessions = async (clients: Client[]): Promise<Set<string>> => {
    if (!clients.length) return new Set()
    const ids = [...new Set(clients.map((c) => c.ticket.sessionId))]
    const rows = await db.$queryRaw<{ id: string; personId: string }[]>`
      SELECT s.id, s."personId"::text AS "personId" FROM "Session" s JOIN "Person" p ON p.id = s."personId"
       WHERE s.id = ANY(${ids}::text[]) AND p."isActive" AND NOT s."isSecondFactorPending" AND s."expiresAt" > ${clock.now()}`
    const owner = new Map(rows.map((r) => [r.id, r.personId]))
    return new Set(clients.filter((c) => owner.get(c.ticket.sessionId) === c.ticket.personId).map((c) => c.ticket.sessionId))
  }
  const closeEnded = async (clients: Client[]): Promise<Client[]> => {
    const live = await liveSessions(clients)
    return clients.filter((c) => {
      if (live.has(c.ticket.sessionId)) return true
      drop(c)
      c.ws.close(REVOKED, 'session ended')
      return false
    })
  }

  /** Re-compute these people's conversations: removed ones stop at once, added ones start. */
  async function roundPeople(people: string[]) {
    for (const personId of people) {
      const clients = await closeEnded([...(byPerson.get(personId) ?? [])])
      if (!clients.length) continue
      const actor = await actorOf(db, personId)
      if (!actor) {
        for (const c of clients) { drop(c); c.ws.close(REVOKED, 'access revoked') }
        continue
      }
      const conversations = await conversationsOf(actor)
      const now = new Set(conversations.map((c) => c.id))
      const fresh = conversations.filter((c) => clients.some((cl) => cl.hello && !cl.sent.has(c.id)))
      for (const c of fresh) for (const cl of clients) if (cl.hello && !cl.sent.has(c.id)) subscribe(cl, c)
      const last = await lastSeqs(fresh.map((c) => c.id))
      for (const cl of clients) {
        if (!cl.hello) continue
        for (const id of [...cl.sent.keys()]) {
          if (now.has(id)) continue
          unsubscribe(cl, id)
          send(cl, { t: 'removed', c: id })
        }
        for (const c of fresh) {
          if (cl.sent.has(c.id)) continue
          cl.sent.set(c.id, last.get(c.id) ?? 0)
          send(cl, { t: 'added', c: c.id, seq: last.get(c.id) ?? 0 })
        }
      }
    }
  }

  /** The backstop: every session in one query; every (object thread, person) by the owning module's policy. */
  async function roundAll() {
    await closeEnded([...wss.clients].map((ws) => clientOf.get(ws)).filter((c): c is Client => !!c))
    const pairs = new Map<string, { conversationId: string; object: { kind: ObjectKind; id: string }; personId: string; clients: Client[] }>()
    for (const [conversationId, sub] of byConversation) {
      if (!sub.object) continue
      for (const cl of sub.clients) {
        const key = `${conversationId}\n${cl.ticket.personId}`
        const pair = pairs.get(key) ?? { conversationId, object: sub.object, personId: cl.ticket.personId, clients: [] }
        pair.clients.push(cl)
        pairs.set(key, pair)
      }
    }
    const list = [...pairs.values()]
    let next = 0
    const actors = new Map<string, Promise<Actor | null>>()
    const worker = async () => {
      while (next < list.length) {
        const pair = list[next++]!
        if (!actors.has(pair.personId)) actors.set(pair.personId, actorOf(db, pair.personId))
        const actor = await actors.get(pair.personId)!
        if (actor && (await objectThreads[pair.object.kind].maySee(db, actor, pair.object.id))) continue
        for (const cl of pair.clients) {
          if (!cl.sent.has(pair.conversationId)) continue
          unsubscribe(cl, pair.conversationId)
          send(cl, { t: 'removed', c: pair.conversationId })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(4, list.length) }, worker))
  }

  const timer = setInterval(recheckAll, options.recheckMs ?? 5000)
  timer.unref()
  const listeners: ChannelListener[] = []
  listeners.push(await listenOnChannel(MESSAGING_ACCESS_CHANNEL, (personId) => recheckPeople([personId]), { url: options.databaseUrl, onReconnect: () => recheckPeople(byPerson.keys()) }))
  listeners.push(await listenOnChannel(REALTIME_ACCESS_CHANNEL, (personId) => recheckPeople([personId]), { url: options.databaseUrl, onReconnect: recheckAll }))

  // ── Events in: one Redis subscription per process, or this process's publishers directly ──
  let subscriber: Redis | undefined
  let unregister: (() => void) | undefined
  if (redisUrl) {
    subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null })
    subscriber.on('error', (error) => log.warn({ err: error }, 'messaging redis error'))
    subscriber.on('message', (_channel: string, payload: string) => {
      try {
        deliver(JSON.parse(payload) as MessagingEvent)
      } catch (error) {
        log.warn({ err: error }, 'bad messaging event')
      }
    })
    // Pub/sub is at most once: after Redis comes back, sockets catch up from the database (`fill` on the next message) and their people are re-checked.
    subscriber.on('ready', () => recheckAll())
    await subscriber.subscribe(messagingChannel(options.redisPrefix))
  } else {
    unregister = registerMessagingSink(deliver)
  }

  const allowed = new Set([...(options.allowedOrigins ?? []), safeOrigin(config().PUBLIC_URL)].filter(Boolean))
  const originAllowed = (req: http.IncomingMessage) => {
    const origin = req.headers.origin
    if (!origin) return false
    if (allowed.has(origin)) return true
    const host = process.env.TRUST_PROXY === 'true' ? String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '') : String(req.headers.host ?? '')
    try {
      return new URL(origin).host === host
    } catch {
      return false
    }
  }

  const handleUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname !== MESSAGING_SOCKET_PATH) return false
    socket.on('error', () => socket.destroy())
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    if (!originAllowed(req)) return refuse('403 Forbidden'), true
    const ticket = verifyTicket(secret, url.searchParams.get('ticket'), MESSAGING_TICKET_DOC)
    if (!ticket) return refuse('401 Unauthorized'), true
    const client: Client = { ws: undefined as unknown as WebSocket, ticket, sent: new Map(), subs: new Set(), queue: Promise.resolve(), pending: 0, hello: false }
    liveSessions([client]).then((live) => {
      if (!live.has(ticket.sessionId) || closed) return refuse('403 Forbidden')
      wss.handleUpgrade(req, socket, head, (ws) => {
        client.ws = ws
        clientOf.set(ws, client)
        let mine = byPerson.get(ticket.personId)
        if (!mine) byPerson.set(ticket.personId, (mine = new Set()))
        mine.add(client)
        const helloTimer = setTimeout(() => { if (!client.hello) ws.close(4400, 'hello expected') }, HELLO_TIMEOUT_MS)
        ws.on('close', () => {
          clearTimeout(helloTimer)
          drop(client)
        })
        ws.on('error', () => ws.terminate())
        ws.on('message', (data, isBinary) => {
          if (isBinary) return void ws.close(1003, 'text only')
          let frame: { t?: unknown; since?: unknown }
          try {
            frame = JSON.parse(String(data)) as typeof frame
          } catch {
            return void ws.close(1007, 'bad frame')
          }
          if (frame.t === 'hello' && !client.hello) {
            const since = frame.since && typeof frame.since === 'object' ? (frame.since as Record<string, unknown>) : {}
            enqueue(client, () => onHello(client, since))
          } else if (frame.t === 'ping') send(client, { t: 'pong' })
        })
      })
    }, () => refuse('503 Service Unavailable'))
    return true
  }

  return {
    handleUpgrade,
    stats,
    settled: async () => {
      while (running) await running
    },
    close: async () => {
      closed = true
      clearInterval(timer)
      unregister?.()
      // 1001 going away: the client reconnects (to another instance, behind a balancer).
      for (const ws of wss.clients) ws.close(1001, 'server shutting down')
      await new Promise<void>((resolve) => {
        const left = setTimeout(() => (wss.clients.forEach((ws) => ws.terminate()), resolve()), 2000)
        wss.close(() => (clearTimeout(left), resolve()))
      })
      for (const l of listeners) await l.close()
      await subscriber?.quit().catch(() => undefined)
      byConversation.clear()
      byPerson.clear()
    },
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}
