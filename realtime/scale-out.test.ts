import { randomUUID } from 'node:crypto'
import net from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { db } from '../server/core/db/index.ts'
import { notifyRealtimeUpdate } from '../server/core/events.ts'
import { signTicket, ticketSecret } from '../server/realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../server/test/factories.ts'
import { startRealtimeServer, type RealtimeServer } from './index.ts'
import { until as waitUntil } from '../server/test/until.ts'

// Several instances on one database, with the stock client on each (disableBc: Node's global
// BroadcastChannel would otherwise sync providers in this process without touching any server).
// Redis is the machine's; every test file and server pair uses its own channel prefix.
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const prefix = `xietong-test:${randomUUID()}:`
const servers: RealtimeServer[] = []
const providers: WebsocketProvider[] = []
const person = await buildPerson({ name: '起草人' })

async function start(options: { redisUrl: string | null; redisPrefix?: string }): Promise<RealtimeServer> {
  const server = await startRealtimeServer({ db: db(), redisPrefix: prefix, ...options })
  servers.push(server)
  return server
}

const [a, b] = [await start({ redisUrl }), await start({ redisUrl })]
const [alone1, alone2] = [await start({ redisUrl: null }), await start({ redisUrl: null })]

afterEach(() => {
  for (const p of providers.splice(0)) p.destroy()
})
afterAll(() => Promise.all(servers.map((s) => s.close())))

const until = (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => waitUntil(condition, timeoutMs)

async function connect(server: RealtimeServer, doc: string) {
  const ticket = signTicket(await ticketSecret(db()), { doc, personId: person.id, sessionId: await buildSession(person.id), name: '测试', right: 'edit' })
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}`, doc, ydoc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket } })
  providers.push(provider)
  await until(() => provider.synced)
  return { ydoc, provider, text: ydoc.getText('body'), awareness: provider.awareness }
}

const storedCopies = (docName: string, update: Uint8Array) => db().realtimeUpdate.count({ where: { docName, update: { equals: new Uint8Array(update) } } })

/** The next update a client makes itself (what it sends to its server). */
function nextLocalUpdate(ydoc: Y.Doc): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const handler = (update: Uint8Array, origin: unknown) => {
      if (origin !== null) return
      ydoc.off('update', handler)
      resolve(update)
    }
    ydoc.on('update', handler)
  })
}

describe('scale-out through Redis', () => {
  it('two instances: edits made on either reach clients on the other, and are stored once', async () => {
    const onA = await connect(a, 'doc-scale')
    const onB = await connect(b, 'doc-scale')
    const sent = nextLocalUpdate(onA.ydoc)
    onA.text.insert(0, '关于做好防汛工作的通知')
    await until(() => onB.text.toString() === '关于做好防汛工作的通知')
    onB.text.insert(onB.text.length, '：请各单位立即部署。')
    await until(() => onA.text.toString() === '关于做好防汛工作的通知：请各单位立即部署。')
    // Stored by the instance that accepted it, not again by the one it was passed to.
    expect(await storedCopies('doc-scale', await sent)).toBe(1)
    const late = await connect(b, 'doc-scale')
    expect(late.text.toString()).toBe(onA.text.toString())
  })

  it('awareness: a client on A is seen on B, and removed when its connection drops', async () => {
    const onA = await connect(a, 'doc-awareness')
    const onB = await connect(b, 'doc-awareness')
    onA.awareness.setLocalStateField('user', { name: '张三' })
    const seenOnB = () => (onB.awareness.getStates().get(onA.ydoc.clientID) as { user?: { name: string } } | undefined)?.user?.name
    await until(() => seenOnB() === '测试') // the ticket's name: the server stamps presence
    // Gone without a goodbye (a closed laptop): A notices the socket close and tells B.
    onA.provider.shouldConnect = false
    ;(onA.provider.ws as unknown as WebSocket).terminate()
    await until(() => !onB.awareness.getStates().has(onA.ydoc.clientID))
  })

  it('a client joining B late sees the awareness of clients on A', async () => {
    const onA = await connect(a, 'doc-awareness-late')
    onA.awareness.setLocalStateField('user', { name: '李四' })
    await until(async () => (await a.rooms.get('doc-awareness-late'))!.awareness.getStates().has(onA.ydoc.clientID))
    expect(b.rooms.has('doc-awareness-late')).toBe(false)
    const onB = await connect(b, 'doc-awareness-late')
    await until(() => (onB.awareness.getStates().get(onA.ydoc.clientID) as { user?: { name: string } } | undefined)?.user?.name === '测试')
  })

  it('without Redis, two instances do not share live edits (only what each loaded)', async () => {
    const one = await connect(alone1, 'doc-alone')
    const witness = await connect(alone1, 'doc-alone')
    const two = await connect(alone2, 'doc-alone')
    one.text.insert(0, '只在一号')
    // Accepted, stored and forwarded on the first instance …
    await until(() => witness.text.toString() === '只在一号')
    // … while the other one's open document never hears of it.
    expect((await connect(alone2, 'doc-alone')).text.toString()).toBe('')
    expect(two.text.toString()).toBe('')
  })

  it.each([
    ['with Redis', () => [a, b] as const],
    ['without Redis', () => [alone1, alone2] as const],
  ])('an update stored from outside and notified reaches clients on both instances (%s)', async (label, pair) => {
    const docName = `doc-outside-${label.replace(' ', '-')}`
    const [first, second] = pair()
    const one = await connect(first, docName)
    const two = await connect(second, docName)
    const restored = new Y.Doc()
    restored.getText('body').insert(0, '恢复到第二版')
    const update = Y.encodeStateAsUpdate(restored)
    await db().$transaction(async (tx) => {
      const row = await tx.realtimeUpdate.create({ data: { docName, update: new Uint8Array(update), personId: null }, select: { id: true } })
      await notifyRealtimeUpdate(tx, docName, row.id)
    })
    await until(() => one.text.toString() === '恢复到第二版' && two.text.toString() === '恢复到第二版')
    expect(await storedCopies(docName, update)).toBe(1)
  })

  it('catches up what was notified while its LISTEN connection was away', async () => {
    const docName = 'doc-outside-missed'
    const one = await connect(alone1, docName)
    const two = await connect(alone2, docName)
    const listening = () => db().$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`
    await db().$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`
    await until(async () => (await listening()).length === 0)
    const restored = new Y.Doc()
    restored.getText('body').insert(0, '断线期间恢复的版本')
    await db().$transaction(async (tx) => {
      const row = await tx.realtimeUpdate.create({ data: { docName, update: new Uint8Array(Y.encodeStateAsUpdate(restored)), personId: null }, select: { id: true } })
      await notifyRealtimeUpdate(tx, docName, row.id)
    })
    await until(() => one.text.toString() === '断线期间恢复的版本' && two.text.toString() === '断线期间恢复的版本')
    expect((await listening()).length).toBeGreaterThan(0)
  })

  it('keeps serving local clients while Redis is away, and catches up both ways when it is back', async () => {
    const redis = new URL(redisUrl)
    const proxy = await startProxy(redis.hostname, Number(redis.port || 6379))
    try {
      const ownPrefix = `xietong-test:${randomUUID()}:`
      const viaProxy = await start({ redisUrl: `redis://127.0.0.1:${proxy.port}`, redisPrefix: ownPrefix })
      const direct = await start({ redisUrl, redisPrefix: ownPrefix })
      const p1 = await connect(viaProxy, 'doc-outage')
      const p2 = await connect(viaProxy, 'doc-outage')
      const q = await connect(direct, 'doc-outage')
      p1.text.insert(0, '甲')
      await until(() => q.text.toString() === '甲')

      await proxy.cut()
      p1.text.insert(1, '乙')
      await until(() => p2.text.toString() === '甲乙')
      q.text.insert(0, '丙')
      expect(q.text.toString()).toBe('丙甲')

      await proxy.restore()
      await until(() => [p1, p2, q].every((c) => c.text.toString() === '丙甲乙'))
    } finally {
      await proxy.close()
    }
  })
})

/** A TCP proxy to Redis that can be cut (connections dropped, new ones refused) and restored. */
async function startProxy(host: string, port: number) {
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const listen = (at: number) =>
    new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer((client) => {
        const upstream = net.connect(port, host)
        track(client)
        track(upstream)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
        client.pipe(upstream).pipe(client)
      })
      server.once('error', reject).listen(at, '127.0.0.1', () => resolve(server))
    })
  const stop = (server: net.Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      for (const s of sockets) s.destroy()
    })
  let server: net.Server | undefined = await listen(0)
  const proxyPort = (server.address() as net.AddressInfo).port
  return {
    port: proxyPort,
    cut: async () => {
      if (server) await stop(server)
      server = undefined
    },
    restore: async () => {
      server = await listen(proxyPort)
    },
    close: async () => {
      if (server) await stop(server)
    },
  }
}
