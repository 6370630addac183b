import { randomUUID } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { Redis } from 'ioredis'
import { WebsocketProvider } from 'y-websocket'
import { db } from '../server/core/db/index.ts'
import { signTicket, ticketSecret } from '../server/realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../server/test/factories.ts'
import { startRealtimeServer } from './index.ts'
import { until as waitUntil } from '../server/test/until.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const prefix = `xietong-test:${randomUUID()}:`
const server = await startRealtimeServer({ db: db(), redisUrl, redisPrefix: prefix, unloadAfterMs: 20 })
const redis = new Redis(redisUrl)
afterAll(async () => {
  await server.close()
  redis.disconnect()
})

const until = (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => waitUntil(condition, timeoutMs)

const person = await buildPerson()
const sessionId = await buildSession(person.id)
const secret = await ticketSecret(db())

/** Open a document with the stock client, type into it until it is stored, and close it. */
async function visit(doc: string): Promise<void> {
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as never, disableBc: true,
    params: { ticket: signTicket(secret, { doc, personId: person.id, sessionId, name: '起草人', right: 'edit' }) },
  })
  await until(() => provider.synced)
  provider.awareness.setLocalStateField('user', { color: '#c00' })
  ydoc.getText('body').insert(0, '关于做好防汛工作的通知。'.repeat(20))
  await until(() => server.rooms.has(doc) && (server.watch.size > 0))
  const room = await server.rooms.get(doc)!
  await until(() => room.doc.getText('body').length > 0)
  provider.destroy()
  ydoc.destroy()
}

const heapAfterGc = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}
const channels = async () => (await redis.pubsub('CHANNELS', `${prefix}*`) as string[]).length

describe('rooms leave memory', () => {
  it('1,000 documents opened and closed: rooms, Redis subscriptions and memory return', async () => {
    for (let i = 0; i < 20; i++) await visit(`doc-warm-${i}`)
    await until(() => server.rooms.size === 0)
    const before = heapAfterGc()
    for (let i = 0; i < 1000; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => visit(`doc-unload-${i + j}`)))
    }
    await until(async () => server.rooms.size === 0 && server.scaleOut!.openDocuments === 0 && (await channels()) === 0, 20_000)
    const grown = heapAfterGc() - before
    // 1,000 rooms held about 40 KB each; what stays is far below what one in ten of them would hold.
    expect(grown).toBeLessThan(4 * 1024 * 1024)
    // An unloaded document reopens with everything stored.
    const ydoc = new Y.Doc()
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}`, 'doc-unload-7', ydoc, {
      WebSocketPolyfill: WebSocket as never, disableBc: true,
      params: { ticket: signTicket(secret, { doc: 'doc-unload-7', personId: person.id, sessionId, name: '起草人', right: 'edit' }) },
    })
    await until(() => provider.synced)
    expect(ydoc.getText('body').toString()).toBe('关于做好防汛工作的通知。'.repeat(20))
    provider.destroy()
  }, 120_000)
})
