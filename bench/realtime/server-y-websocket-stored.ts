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
import { AppendConnection } from '../../realtime/append-connection.ts'
import { GroupCommit } from '../../realtime/group-commit.ts'
import type { NewUpdate } from '../../server/coediting/index.ts'
import { logger } from '../../server/core/logger.ts'

const MESSAGE_SYNC = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL is needed: updates are stored there')
const connection = new AppendConnection(databaseUrl, logger.child({ component: 'bench' }))
const updates = new GroupCommit<NewUpdate>((rows) => connection.append(rows), (row) => row.update.byteLength)

/**
 * The update a message carries (sync step 2 or update), or null. y-protocols sync messages are
 * varuint type, varuint sync type, varuint length, bytes; every value here is one byte under 128
 * except the length, read as a varuint.
 */
function updateOf(message: Uint8Array): Uint8Array | null {
  if (message[0] !== MESSAGE_SYNC || (message[1] !== SYNC_STEP_2 && message[1] !== SYNC_UPDATE)) return null
  let length = 0
  let shift = 0
  let i = 2
  for (; i < message.length; i++) {
    length += (message[i]! & 0x7f) * 2 ** shift
    shift += 7
    if (message[i]! < 0x80) break
  }
  return message.subarray(i + 1, i + 1 + length)
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
