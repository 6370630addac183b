/**
 * The reference y-websocket server (@y/websocket-server 0.1.1, as server-y-websocket.ts starts it) with
 * one thing added: what our issue asks of every server, that an update be stored in PostgreSQL before it
 * is applied and forwarded. Updates go through our group commit and append connection (realtime/) into
 * the same table; everything else (rooms, sync, broadcast) is the reference's own code. Not a server
 * anyone should run: it loads nothing back and never compacts. It measures what the durability rule
 * costs on top of the faster reference, apart from the rest of our server.
 * Prints `ready <port>`; SIGTERM stops it.
 */
import http from 'node:http'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { AppendConnection } from '../../realtime/append-connection.ts'
import { GroupCommit } from '../../realtime/group-commit.ts'
import type { NewUpdate } from '../../server/coediting/index.ts'
import { logger } from '../../server/core/logger.ts'
import { MESSAGE_SYNC } from '../../realtime/room.ts'

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL is needed: updates are stored there')
const connection = new AppendConnection(databaseUrl, logger.child({ component: 'bench' }))
const updates = new GroupCommit<NewUpdate>(async (rows) => void (await connection.append(rows)), (row) => row.update.byteLength)

/** The update a message carries (a sync step 2 or an update), or null (anything else, or malformed). */
function updateOf(message: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null
    const syncType = decoding.readVarUint(decoder)
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) return null
    return decoding.readVarUint8Array(decoder)
  } catch {
    return null // the reference's own handling deals with it
  }
}

/** Hands the reference a socket whose messages arrive only once their update is stored, in order. */
function storingFirst(ws: WebSocket, docName: string): WebSocket {
  const on = ws.on.bind(ws)
  ws.on = ((event: string, listener: (...args: unknown[]) => void) => {
    if (event !== 'message') return on(event, listener)
    let queue: Promise<unknown> = Promise.resolve()
    return on('message', (data: RawData, isBinary: boolean) => {
      const message = new Uint8Array(data as ArrayBuffer)
      const update = updateOf(message)
      if (!update) {
        queue = queue.then(() => listener(data, isBinary))
        return
      }
      const stored = updates.add({ docName, update, personId: null })
      queue = queue.then(() => stored).then(
        () => listener(data, isBinary),
        () => ws.close(1011, 'could not store the update'),
      )
    })
  }) as WebSocket['on']
  return ws
}

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) => {
  const docName = (req.url ?? '').slice(1).split('?')[0]!
  ws.binaryType = 'arraybuffer'
  setupWSConnection(storingFirst(ws, docName), req)
})
const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('okay'))
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws: WebSocket) => wss.emit('connection', ws, req)))
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.address() as { port: number }).port}\n`)
})
process.once('SIGTERM', () => {
  void updates.close().then(() => connection.close()).finally(() => process.exit(0))
})
