/**
 * The co-editing server: y-websocket protocol (the stock WebsocketProvider connects unchanged) at
 * ws://host:port/<document>?ticket=<signed ticket>. Extensions by concern: tickets (auth),
 * persistence, limits, rooms, scale-out (Redis), updates written outside (LISTEN).
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { config } from '../server/core/config.ts'
import type { Db } from '../server/core/db/index.ts'
import { logger as rootLogger } from '../server/core/logger.ts'
import { ticketSecret, verifyTicket, type Right, type Ticket } from '../server/realtime-tickets/index.ts'
import { Persistence } from './persistence.ts'
import { workerCompactor } from './compaction/compactor.ts'
import { Room } from './room.ts'
import { serveConnection } from './connection.ts'
import { defaultLimits, type Limits } from './limits.ts'
import { listenForOutsideUpdates } from './outside-updates.ts'
import { ScaleOut } from './scale-out.ts'

export type RealtimeServer = { port: number; close: () => Promise<void>; rooms: Map<string, Promise<Room>> }

/**
 * What a person may do with a document now: modules register this (documents: the step the draft is
 * at); without one, a ticket's right stands. `null` closes the person's connections.
 */
export type AccessCheck = (docName: string, personId: string) => Promise<Right | null | undefined>

const REVOKED = 4403
const CHANGED = 4401

const DOC_NAME = /^[A-Za-z0-9:_-]{1,200}$/

export async function startRealtimeServer(options: {
  db: Db
  port?: number
  host?: string
  limits?: Partial<Limits>
  access?: AccessCheck
  /** How often live connections are checked against access (revocation closes them by then). */
  recheckMs?: number
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
}): Promise<RealtimeServer> {
  const limits = { ...defaultLimits, ...options.limits }
  const log = rootLogger.child({ component: 'realtime' })
  const secret = await ticketSecret(options.db)
  const databaseUrl = options.databaseUrl ?? config().DATABASE_URL
  const compactor = options.compaction === 'inline' ? undefined : workerCompactor(databaseUrl, options.db, log)
  const persistence = new Persistence(options.db, { compactor, databaseUrl })
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

  // Access is re-checked for every live connection: a person who is deactivated or loses the right
  // to the document is disconnected within one interval; one whose right changed is asked to reconnect.
  const live = new Map<WebSocket, { docName: string; ticket: Ticket }>()
  /** What the access check says now; `undefined` from it (a document it does not own): the ticket's right. */
  const rightNow = async (docName: string, ticket: Ticket): Promise<Right | null> => {
    const right = options.access ? await options.access(docName, ticket.personId) : undefined
    return right === undefined ? ticket.right : right
  }
  const recheck = async () => {
    if (live.size === 0) return
    // Only the connections open when the check began: one opened meanwhile was checked at its upgrade.
    const entries = [...live]
    const personIds = [...new Set(entries.map(([, c]) => c.ticket.personId))]
    const active = new Set((await options.db.person.findMany({ where: { id: { in: personIds }, isActive: true }, select: { id: true } })).map((p) => p.id))
    for (const [ws, { docName, ticket }] of entries) {
      if (!live.has(ws)) continue
      const right = !active.has(ticket.personId) ? null : await rightNow(docName, ticket)
      if (right === null) {
        log.info({ doc: docName, personId: ticket.personId }, 'access revoked; closing the connection')
        ws.close(REVOKED, 'access revoked')
        live.delete(ws)
      } else if (right !== ticket.right) {
        // The document moved on (a step passed, or reached this person): edits from now follow the new
        // right, and the client is asked to reconnect so that it takes a ticket with it (4401).
        log.info({ doc: docName, personId: ticket.personId, right }, 'access changed; asking the client to reconnect')
        if (right === 'read') ticket.right = 'read'
        ws.close(CHANGED, 'access changed')
        live.delete(ws)
      }
    }
  }
  const timer = setInterval(() => void recheck().catch((error: unknown) => log.warn({ err: error }, 'access re-check failed')), options.recheckMs ?? 2000)
  timer.unref()

  const http_ = http.createServer((_req, res) => res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only'))
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })
  wss.on('error', (error) => log.error({ err: error }, 'websocket server error'))

  /** The right a ticket's holder has now (the ticket may outlive a change of access). */
  const currentRight = async (docName: string, ticket: Ticket): Promise<Right | null> => {
    const person = await options.db.person.findUnique({ where: { id: ticket.personId }, select: { isActive: true } })
    if (!person?.isActive) return null
    const right = await rightNow(docName, ticket)
    return right === 'read' || ticket.right === 'read' ? (right === null ? null : 'read') : right
  }

  http_.on('upgrade', async (req, socket, head) => {
    socket.on('error', () => socket.destroy())
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
      live.set(ws, { docName, ticket })
      ws.on('close', () => live.delete(ws))
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
    clearInterval(timer)
    await outside.close()
    await scaleOut?.close()
    throw error
  }
  const port = (http_.address() as { port: number }).port
  return {
    port,
    rooms,
    close: async () => {
      clearInterval(timer)
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => http_.close(() => resolve()))
      // Let queued stores finish before the database goes (nothing unstored was ever forwarded).
      await persistence.close()
      await outside.close()
      await scaleOut?.close()
    },
  }
}
