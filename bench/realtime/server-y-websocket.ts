/**
 * The reference y-websocket server, @y/websocket-server 0.1.1, as its own bin starts it
 * (`setupWSConnection` on a `ws` upgrade; documents in memory, no persistence, no auth).
 * Prints `ready <port>`; SIGTERM stops it.
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('okay'))
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws: WebSocket) => wss.emit('connection', ws, req)))
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.address() as { port: number }).port}\n`)
})
process.once('SIGTERM', () => process.exit(0))
