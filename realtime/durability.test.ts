import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { config } from '../server/core/config.ts'
import { db } from '../server/core/db/index.ts'
import { signTicket, ticketSecret } from '../server/realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../server/test/factories.ts'
import { Persistence } from './persistence.ts'
import { until as waitUntil } from '../server/test/until.ts'

// The server runs as its own process and is killed with SIGKILL, again and again, while three clients
// type. Afterwards, every update any client received from the server must be in the stored document.
const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as net.AddressInfo).port
    s.close(() => resolve(p))
  })
})
let child: ChildProcess | undefined
afterAll(() => child?.kill('SIGKILL'))

function startServer(): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../scripts/realtime.ts')], {
    env: { ...process.env, DATABASE_URL: config().DATABASE_URL, REALTIME_PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', (c: Buffer) => c.toString().includes('Co-editing server on') && resolve())
    child!.once('exit', (code) => reject(new Error(`realtime server exited ${code}`)))
  })
}

const until = (condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) => waitUntil(condition, timeoutMs)

describe('durability', () => {
  it('loses nothing any client saw, across repeated SIGKILLs of the server', async () => {
    const person = await buildPerson()
    const ticket = signTicket(await ticketSecret(db()), { doc: 'doc-kill', personId: person.id, sessionId: await buildSession(person.id), name: 'x', right: 'edit' })
    await startServer()
    const received: Uint8Array[] = []
    const clients = [0, 1, 2].map(() => {
      const doc = new Y.Doc()
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, 'doc-kill', doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket }, maxBackoffTime: 200 })
      // What the server passed on from others.
      doc.on('update', (update: Uint8Array, origin: unknown) => { if (origin === provider) received.push(update) })
      return { doc, provider, text: doc.getText('body') }
    })
    try {
      for (let round = 0; round < 5; round++) {
        await until(() => clients.every((c) => c.provider.wsconnected && c.provider.synced))
        for (let i = 0; i < 40; i++) {
          const c = clients[i % 3]!
          c.text.insert(Math.floor(Math.random() * (c.text.length + 1)), `第${round}轮${i}`)
          if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5))
        }
        child!.kill('SIGKILL') // mid-stream: some updates are in flight
        await new Promise((r) => child!.once('exit', r))
        await startServer()
      }
      await until(() => clients.every((c) => c.provider.wsconnected && c.provider.synced))
    } finally {
      for (const c of clients) c.provider.destroy()
      child!.kill('SIGKILL')
    }
    expect(received.length).toBeGreaterThan(0)
    const { doc: stored } = await new Persistence(db()).load('doc-kill')
    const before = stored.getText('body').toString()
    Y.applyUpdate(stored, Y.mergeUpdates(received))
    expect(stored.getText('body').toString()).toBe(before)
    expect(before.length).toBeGreaterThan(0)
  }, 240_000) // six server starts through tsx: about 20 s each on a loaded machine
})
