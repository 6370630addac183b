/**
 * The co-editing server: y-websocket protocol (the stock WebsocketProvider connects unchanged) at
 * ws://host:port/<document>?ticket=<signed ticket>. Extensions by concern: tickets (auth),
 * persistence, limits, rooms, scale-out (Redis), updates written outside (LISTEN).
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Registry } from 'prom-client'
import { config } from '../server/core/config.ts'
import type { Db } from '../server/core/db/index.ts'
import { logger as rootLogger } from '../server/core/logger.ts'
import { AUTH_CHANNEL, listenOnChannel, REALTIME_ACCESS_CHANNEL, REALTIME_DOCUMENT_CHANNEL } from '../server/core/events.ts'
import { ticketSecret, verifyTicket, type Right, type Ticket } from '../server/realtime-tickets/index.ts'
import { AccessWatch, liveSessions, type AccessCheck, type Watched } from './access-watch.ts'
import { Persistence } from './persistence.ts'
import { workerCompactor } from './compaction/compactor.ts'
import { Room } from './room.ts'
import { serveConnection } from './connection.ts'
import { defaultLimits, type Limits } from './limits.ts'
import { listenForOutsideUpdates } from './outside-updates.ts'
import { ScaleOut } from './scale-out.ts'
import { realtimeMetrics, type RealtimeMetrics } from './metrics.ts'
import { bearerMatches } from '../server/operations/index.ts'

export type RealtimeServer = { port: number; close: () => Promise<void>; rooms: Map<string, Promise<Room>>; watch: AccessWatch; scaleOut: ScaleOut | undefined; metrics: Registry }

export type { AccessCheck }

const DOC_NAME = /^[A-Za-z0-9:_-]{1,200}$/

export async function startRealtimeServer(options: {
  db: Db
  port?: number
  host?: string
  limits?: Partial<Limits>
  access?: AccessCheck
  /** How often live connections' sessions are checked (one statement for all; an expiry is closed by then). */
  recheckMs?: number
  /**
   * How often every connection's access is asked again as the backstop (default 30 s); changes that
   * decide access (a step passing, grants, posts, delegations, sessions) are re-checked at once by NOTIFY.
   */
  accessRecheckMs?: number
  /** Redis shared with other instances (default REDIS_URL); `null`: serve alone even if it is set. */
  redisUrl?: string | null
  /** Prefix of this deployment's Redis channels (default `xietong:realtime:`). */
  redisPrefix?: string
  /**
   * The database `db` is for (default DATABASE_URL): updates are stored through a connection of their
   * own to it, and compacted on a thread of its own (default) or `inline` on the server's thread.
   */
  databaseUrl?: string
  compaction?: 'thread' | 'inline'
  /** How long storing one batch of updates may take before it fails (default 5 s, or REALTIME_APPEND_TIMEOUT_MS). */
  appendTimeoutMs?: number
  /** How long a document stays loaded after its last connection has gone (default 10 s). */
  unloadAfterMs?: number
  /** Token for GET /metrics (default METRICS_TOKEN; none: no metrics endpoint). */
  metricsToken?: string
}): Promise<RealtimeServer> {
  const limits = { ...defaultLimits, ...options.limits }
  const log = rootLogger.child({ component: 'realtime' })
  const secret = await ticketSecret(options.db)
  const databaseUrl = options.databaseUrl ?? config().DATABASE_URL
  const compactor = options.compaction === 'inline' ? undefined : workerCompactor(databaseUrl, options.db, log)
  // Counts the rooms and sockets made below (read at scrape time only).
  const metrics: RealtimeMetrics = realtimeMetrics({ connections: () => wss.clients.size, documents: () => rooms.size, batches: () => persistence.storeStats })
  const persistence = new Persistence(options.db, {
    compactor,
    databaseUrl,
    appendTimeoutMs: options.appendTimeoutMs ?? (Number(process.env.REALTIME_APPEND_TIMEOUT_MS) || undefined),
    onStored: (seconds, isStored) => (isStored ? metrics.storeSeconds.observe(seconds) : metrics.storeFailures.inc()),
  })
  // Started means warmed up: loading the compaction thread takes a core for about a second, better
  // before the first connection than beside it.
  await compactor?.ready()
  const rooms = new Map<string, Promise<Room>>()
  const outside = await listenForOutsideUpdates({ db: options.db, rooms, log })
  const redisUrl = options.redisUrl === undefined ? config().REDIS_URL : options.redisUrl
  const scaleOut = redisUrl ? new ScaleOut({ url: redisUrl, prefix: options.redisPrefix ?? 'xietong:realtime:', log }) : undefined
  await scaleOut?.started()

  const roomFor = (name: string): Promise<Room> => {
    let room = rooms.get(name)
    if (!room) {
      const load = () => persistence.load(name).then(({ doc, tail }) => new Room(name, doc, persistence, tail))
      room = scaleOut ? scaleOut.join(name, load) : load()
      // A failed load is forgotten (the next connection tries again) and never written over.
      room.catch(() => rooms.delete(name))
      rooms.set(name, room)
    }
    return room
  }

  // A room is unloaded once its last connection has gone (after a grace period: a reload or a
  // flaky phone comes straight back) and everything it took is stored; what it holds is freed.
  const unloadAfterMs = options.unloadAfterMs ?? 10_000
  const holds = new Map<string, number>()
  const unloadTimers = new Map<string, NodeJS.Timeout>()
  const hold = (name: string) => {
    holds.set(name, (holds.get(name) ?? 0) + 1)
    clearTimeout(unloadTimers.get(name))
    unloadTimers.delete(name)
  }
  const scheduleUnload = (name: string) => {
    clearTimeout(unloadTimers.get(name))
    const timer = setTimeout(() => unload(name), unloadAfterMs)
    timer.unref()
    unloadTimers.set(name, timer)
  }
  const release = (name: string) => {
    const left = (holds.get(name) ?? 1) - 1
    if (left > 0) return void holds.set(name, left)
    holds.delete(name)
    scheduleUnload(name)
  }
  const unload = (name: string) => {
    unloadTimers.delete(name)
    const loading = rooms.get(name)
    if (!loading || holds.has(name)) return
    loading.then((room) => {
      // Checked and removed in one turn: a connection arriving after this loads the document afresh.
      if (holds.has(name) || rooms.get(name) !== loading) return
      if (room.inFlight > 0) return scheduleUnload(name)
      rooms.delete(name)
      scaleOut?.leave(name)
      room.destroy()
    }, () => undefined)
  }

  // Access is re-checked for every live connection: a person whose session ends (signing out,
  // deactivation, a password change: the database NOTIFYs at once) or who loses the right to the
  // document is disconnected; one whose right changed is asked to reconnect.
  const recheckMs = options.recheckMs ?? 2000
  const watch = new AccessWatch({ db: options.db, access: options.access, intervalMs: recheckMs, accessIntervalMs: options.accessRecheckMs ?? Math.max(recheckMs, 30_000), log })
  // Notices sent while a listening connection was away are lost: check everyone then.
  const listening = { url: options.databaseUrl, onReconnect: () => watch.checkAll() }
  const accessNotices = await Promise.all([
    listenOnChannel(REALTIME_ACCESS_CHANNEL, (personId) => watch.checkPeople([personId]), listening),
    listenOnChannel(AUTH_CHANNEL, (payload) => (payload === '*' ? watch.checkAll() : watch.checkPeople([payload])), listening),
    listenOnChannel(REALTIME_DOCUMENT_CHANNEL, (docName) => watch.checkDocuments([docName]), listening),
  ])

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })
  const metricsToken = options.metricsToken === undefined ? process.env.METRICS_TOKEN || undefined : options.metricsToken
  let closing = false
  // Plain HTTP on this port: readiness for a balancer (/ready: 503 once closing), metrics (/metrics,
  // with METRICS_TOKEN; absent token: 404), and 426 for anything else.
  const http_ = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]
    if (pathname === '/ready' || pathname === '/health') {
      return void res.writeHead(closing ? 503 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: closing ? 'draining' : 'ready' }))
    }
    if (pathname === '/metrics') {
      if (!metricsToken) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      if (!bearerMatches(req.headers.authorization, metricsToken)) return void res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('Unauthorized')
      return void metrics.registry.metrics().then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text), () => res.writeHead(503).end())
    }
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only')
  })
  wss.on('error', (error) => log.error({ err: error }, 'websocket server error'))

  /** The right a ticket's holder has now (the ticket may outlive a change of access). */
  const currentRight = async (docName: string, ticket: Ticket): Promise<Right | null> => {
    if (!(await liveSessions(options.db, [ticket])).has(ticket.sessionId)) return null
    const checked = await watch.accessRight(docName, ticket.personId)
    const right = checked === undefined ? ticket.right : checked
    return right === 'read' || ticket.right === 'read' ? (right === null ? null : 'read') : right
  }

  http_.on('upgrade', async (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    if (closing) return void socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    const url = new URL(req.url ?? '/', 'http://localhost')
    const docName = decodeURIComponent(url.pathname.slice(1))
    const ticket = DOC_NAME.test(docName) ? verifyTicket(secret, url.searchParams.get('ticket'), docName) : null
    if (!ticket) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const right = await currentRight(docName, ticket).catch(() => null)
    if (!right) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    ticket.right = right
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const watched: Watched = { ws, docName, ticket }
      watch.add(watched)
      hold(docName)
      ws.on('close', () => {
        watch.remove(watched)
        release(docName)
      })
      serveConnection(ws, roomFor(docName), docName, ticket, limits, log)
    })
  })

  try {
    await new Promise<void>((resolve, reject) => {
      http_.once('error', reject)
      http_.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        http_.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    watch.close()
    await Promise.all(accessNotices.map((l) => l.close()))
    await outside.close()
    await scaleOut?.close()
    throw error
  }
  const port = (http_.address() as { port: number }).port
  return {
    port,
    rooms,
    watch,
    scaleOut,
    metrics: metrics.registry,
    close: async () => {
      closing = true
      watch.close()
      for (const timer of unloadTimers.values()) clearTimeout(timer)
      unloadTimers.clear()
      await Promise.all(accessNotices.map((l) => l.close()))
      // 1001 going away: y-websocket reconnects (to another co-editing server behind a balancer).
      // Everything a client was told is stored already (store before forward).
      for (const ws of wss.clients) ws.close(1001, 'server shutting down')
      await new Promise<void>((resolve) => {
        const left = setTimeout(() => (wss.clients.forEach((ws) => ws.terminate()), resolve()), 2000)
        wss.close(() => (clearTimeout(left), resolve()))
      })
      await new Promise<void>((resolve) => http_.close(() => resolve()))
      // Let queued stores finish before the database goes (nothing unstored was ever forwarded).
      await persistence.close()
      await outside.close()
      await scaleOut?.close()
    },
  }
}
