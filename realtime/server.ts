/**
 * The co-editing server: y-websocket protocol (the stock WebsocketProvider connects unchanged) at
 * ws://host:port/<document>?ticket=<signed ticket>. Extensions by concern: tickets (auth),
 * persistence, limits, rooms.
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Db } from '../server/core/db/index.ts'
import { logger as rootLogger } from '../server/core/logger.ts'
import { ticketSecret, verifyTicket } from '../server/realtime-tickets/index.ts'
import { Persistence } from './persistence.ts'
import { Room } from './room.ts'
import { serveConnection } from './connection.ts'
import { defaultLimits, type Limits } from './limits.ts'

export type RealtimeServer = { port: number; close: () => Promise<void>; rooms: Map<string, Promise<Room>> }

const DOC_NAME = /^[A-Za-z0-9:_-]{1,200}$/

export async function startRealtimeServer(options: { db: Db; port?: number; host?: string; limits?: Partial<Limits> }): Promise<RealtimeServer> {
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

  const http_ = http.createServer((_req, res) => res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only'))
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })
  wss.on('error', (error) => log.error({ err: error }, 'websocket server error'))

  http_.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', 'http://localhost')
    const docName = decodeURIComponent(url.pathname.slice(1))
    const ticket = DOC_NAME.test(docName) ? verifyTicket(secret, url.searchParams.get('ticket'), docName) : null
    if (!ticket) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => serveConnection(ws, roomFor(docName), docName, ticket, limits, log))
  })

  await new Promise<void>((resolve) => http_.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const port = (http_.address() as { port: number }).port
  return {
    port,
    rooms,
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => http_.close(() => resolve()))
    },
  }
}
