/**
 * The co-editing server: y-websocket protocol (the stock WebsocketProvider connects unchanged) at
 * ws://host:port/<document>?ticket=<signed ticket>. Extensions by concern: tickets (auth),
 * persistence, limits, rooms.
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Db } from '../server/core/db/index.ts'
import { logger as rootLogger } from '../server/core/logger.ts'
import { ticketSecret, verifyTicket, type Right, type Ticket } from '../server/realtime-tickets/index.ts'
import { Persistence } from './persistence.ts'
import { Room } from './room.ts'
import { serveConnection } from './connection.ts'
import { defaultLimits, type Limits } from './limits.ts'

export type RealtimeServer = { port: number; close: () => Promise<void>; rooms: Map<string, Promise<Room>> }

/**
 * What a person may do with a document now: modules register this (documents: the step the draft is
 * at); without one, a ticket's right stands. `null` closes the person's connections.
 */
export type AccessCheck = (docName: string, personId: string) => Promise<Right | null>

const REVOKED = 4403

const DOC_NAME = /^[A-Za-z0-9:_-]{1,200}$/

export async function startRealtimeServer(options: {
  db: Db
  port?: number
  host?: string
  limits?: Partial<Limits>
  access?: AccessCheck
  /** How often live connections are checked against access (revocation closes them by then). */
  recheckMs?: number
}): Promise<RealtimeServer> {
  const limits = { ...defaultLimits, ...options.limits }
  const log = rootLogger.child({ component: 'realtime' })
  const secret = await ticketSecret(options.db)
  const persistence = new Persistence(options.db)
  const rooms = new Map<string, Promise<Room>>()

  const roomFor = (name: string): Promise<Room> => {
    let room = rooms.get(name)
    if (!room) {
      room = persistence.load(name).then(({ doc, tail }) => new Room(name, doc, persistence, tail))
      // A failed load is forgotten (the next connection tries again) and never written over.
      room.catch(() => rooms.delete(name))
      rooms.set(name, room)
    }
    return room
  }

  // Access is re-checked for every live connection: a person who is deactivated or loses the right
  // to the document is disconnected within one interval; one who may now only read, downgraded.
  const live = new Map<WebSocket, { docName: string; ticket: Ticket }>()
  const recheck = async () => {
    if (live.size === 0) return
    const personIds = [...new Set([...live.values()].map((c) => c.ticket.personId))]
    const active = new Set((await options.db.person.findMany({ where: { id: { in: personIds }, isActive: true }, select: { id: true } })).map((p) => p.id))
    for (const [ws, { docName, ticket }] of live) {
      const right = !active.has(ticket.personId) ? null : options.access ? await options.access(docName, ticket.personId) : ticket.right
      if (right === null) {
        log.info({ doc: docName, personId: ticket.personId }, 'access revoked; closing the connection')
        ws.close(REVOKED, 'access revoked')
        live.delete(ws)
      } else if (right === 'read') {
        ticket.right = 'read'
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
    const right = options.access ? await options.access(docName, ticket.personId) : ticket.right
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

  await new Promise<void>((resolve) => http_.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const port = (http_.address() as { port: number }).port
  return {
    port,
    rooms,
    close: async () => {
      clearInterval(timer)
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => http_.close(() => resolve()))
    },
  }
}
