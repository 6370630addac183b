/**
 * The load generator, in its own process (run by bench/realtime/run.ts with BENCH_LOAD set to a
 * LoadConfig as JSON). Connects every editor, has each type at its rate for the given seconds, waits for
 * the deliveries to arrive, checks that every replica converged and that the server's stock client
 * (WebsocketProvider / HocuspocusProvider) sees the same text, and prints one `result {json}` line.
 * Lines `phase edit-start` and `phase edit-end` mark the measured window for the parent (server CPU).
 *
 * Fan-out latency: every edit is registered under its Yjs id (the editor's client id and the clock range
 * of the new characters) with the time it was sent; an update that arrives at another editor is
 * matched by its clock range (Y.parseUpdateMeta), so merged updates count each edit they carry.
 */
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { signTicket } from '../../server/realtime-tickets/index.ts'
import { LoadClient, type Framing } from './client.ts'
import { summarize } from './stats.ts'

export type ServerKind = 'ours' | 'y-websocket' | 'hocuspocus' | 'y-websocket-stored'

export type LoadConfig = {
  kind: ServerKind
  port: number
  docs: { name: string; editors: number; group: string }[]
  seconds: number
  /** Edits per second per editor. */
  rate: number
  /** Send a cursor (awareness) update with every edit. */
  cursors: boolean
  drainSeconds: number
  /** ours: people to sign tickets for (one per editor), and REALTIME_SECRET in the environment. */
  personIds?: string[]
  /** Or each editor's whole address, ticket included, as the platform handed it out (bench/load). */
  urls?: string[]
}

type Edit = { start: number; end: number; sentAt: number; pending: number; group: string }

/** BENCH_LOAD: the config as JSON; BENCH_LOAD_FILE: a file holding it (one ticket per editor outgrows an environment variable). */
const config = JSON.parse(process.env.BENCH_LOAD ?? readFileSync(process.env.BENCH_LOAD_FILE!, 'utf8')) as LoadConfig
const framing: Framing = config.kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket'
const secret = Buffer.from(process.env.REALTIME_SECRET ?? '')
const base = `ws://127.0.0.1:${config.port}`

/** What people type in a 公文 draft, committed a word or two at a time. */
const WORDS = '关于 做好 2026年 防汛 抗旱 工作 的 通知 各 区县 人民政府 市政府 各 部门 为 切实 保障 人民群众 生命 财产 安全 现 将 有关 事项 通知 如下 一 高度 重视 压实 责任 二 加强 监测 预警 三 做好 应急 准备 请 认真 贯彻 落实 。 ， 、'.split(' ')

function urlFor(docName: string, editor: number): { url: string; token?: string } {
  if (config.urls) return { url: config.urls[editor]!, token: new URL(config.urls[editor]!).searchParams.get('ticket') ?? undefined }
  if (config.kind === 'hocuspocus') return { url: base, token: '' }
  if (config.kind === 'y-websocket' || config.kind === 'y-websocket-stored') return { url: `${base}/${docName}` }
  const personId = config.personIds![editor % config.personIds!.length]!
  const ticket = signTicket(secret, { doc: docName, personId, sessionId: `bench-${personId}`, name: `编辑${editor}`, right: 'edit' }, 60 * 60 * 1000)
  return { url: `${base}/${docName}?ticket=${encodeURIComponent(ticket)}`, token: ticket }
}

// ---- delivery tracking -------------------------------------------------------------------------------
const editsBySender = new Map<number, Edit[]>()
const latencies = new Map<string, number[]>()
const errors: string[] = []
let measuring = false
/** Latencies by the second of the window their edit was sent in (where the slow ones cluster). */
const bySecond: number[][] = []
let editStarted = 0
let unmatched = 0

function onRemoteUpdate(client: LoadClient, update: Uint8Array, arrivedAt: number): void {
  const { from, to } = Y.parseUpdateMeta(update)
  for (const [sender, clockFrom] of from) {
    if (sender === client.doc.clientID) continue
    const edits = editsBySender.get(sender)
    if (!edits) continue
    const clockTo = to.get(sender)!
    let i = client.watermark.get(sender) ?? 0
    while (i < edits.length && edits[i]!.start < clockTo) {
      const edit = edits[i]!
      if (edit.start >= clockFrom) {
        edit.pending--
        if (measuring) {
          latencies.get(edit.group)!.push(arrivedAt - edit.sentAt)
          const second = Math.floor((edit.sentAt - editStarted) / 1000)
          ;(bySecond[second] ??= []).push(arrivedAt - edit.sentAt)
        }
      } else {
        unmatched++
      }
      i++
    }
    client.watermark.set(sender, i)
  }
}

function onError(client: LoadClient, message: string): void {
  if (errors.length < 20) errors.push(`${client.options.docName}: ${message}`)
}

/** Sockets the server closed (each reopened), by code and reason, and when. */
const closes: Record<string, number> = {}
function onClose(_client: LoadClient, code: number, reason: string, synced: boolean): void {
  const key = `${code} ${reason || '-'} (${measuring ? 'while typing' : synced ? 'after sync' : 'before sync'})`
  closes[key] = (closes[key] ?? 0) + 1
}

// ---- connect -----------------------------------------------------------------------------------------
type Room = { name: string; group: string; clients: LoadClient[] }
const rooms: Room[] = []
let editor = 0
for (const d of config.docs) {
  latencies.set(d.group, latencies.get(d.group) ?? [])
  const room: Room = { name: d.name, group: d.group, clients: [] }
  for (let i = 0; i < d.editors; i++) {
    const { url, token } = urlFor(d.name, editor)
    room.clients.push(new LoadClient({ framing, url, token, docName: d.name, name: `编辑${editor}`, onRemoteUpdate, onError, onClose }))
    editor++
  }
  rooms.push(room)
}
const all = rooms.flatMap((r) => r.clients)
const connectStarted = performance.now()
{
  let next = 0
  const worker = async () => {
    while (next < all.length) await all[next++]!.connect()
  }
  await Promise.all(Array.from({ length: 25 }, worker))
}
const connectSeconds = (performance.now() - connectStarted) / 1000

// ---- edit --------------------------------------------------------------------------------------------
const loopDelay = monitorEventLoopDelay({ resolution: 10 })
const interval = 1000 / config.rate
let running = true
let sent = 0
const timers = new Map<LoadClient, NodeJS.Timeout>()
for (const room of rooms) {
  for (const client of room.clients) {
    const edits: Edit[] = []
    editsBySender.set(client.doc.clientID, edits)
    const typeOnce = () => {
      if (!running) return
      const word = WORDS[Math.floor(Math.random() * WORDS.length)]!
      const sentAt = performance.now()
      const { start, end } = client.type(word, Math.random() < 0.2)
      edits.push({ start, end, sentAt, pending: room.clients.length - 1, group: room.group })
      sent++
      if (config.cursors) client.moveCaret()
      timers.set(client, setTimeout(typeOnce, interval * (0.8 + 0.4 * Math.random())))
    }
    timers.set(client, setTimeout(typeOnce, Math.random() * interval))
  }
}
process.stdout.write('phase edit-start\n')
measuring = true
const cpu0 = process.cpuUsage()
loopDelay.enable()
editStarted = performance.now()
await new Promise((r) => setTimeout(r, config.seconds * 1000))
running = false
for (const t of timers.values()) clearTimeout(t)
const pending = () => {
  let n = 0
  for (const edits of editsBySender.values()) for (const e of edits) n += e.pending
  return n
}
const drainStarted = performance.now()
while (pending() > 0 && performance.now() - drainStarted < config.drainSeconds * 1000) await new Promise((r) => setTimeout(r, 50))
const drainSeconds = (performance.now() - drainStarted) / 1000
loopDelay.disable()
const cpu = process.cpuUsage(cpu0)
const windowSeconds = (performance.now() - editStarted) / 1000
measuring = false
process.stdout.write('phase edit-end\n')
const missing = pending()

// ---- check -------------------------------------------------------------------------------------------
let diverged = 0
for (const room of rooms) {
  const first = room.clients[0]!.text.toString()
  if (room.clients.some((c) => c.text.toString() !== first)) diverged++
}

/** The server's own client, connected afresh, must see what the editors see. */
async function verifyWithStockClient(room: Room): Promise<boolean> {
  const doc = new Y.Doc()
  const expected = room.clients[0]!.text.toString()
  const done = (destroy: () => void) => {
    destroy()
    return doc.getText('body').toString() === expected
  }
  const timeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('stock client did not sync')), 15_000))])
  if (config.kind === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: base, WebSocketPolyfill: WebSocket as never })
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: room.name, document: doc })
    provider.attach() // a provider given its socket is attached by the caller
    await timeout(new Promise<void>((resolve) => provider.on('synced', () => resolve())))
    return done(() => (provider.destroy(), socket.destroy()))
  }
  const { url } = room.clients[0]!.options // the room's own editor: tickets name one document and person
  const ticket = new URL(url).searchParams.get('ticket')
  const provider = new WebsocketProvider(base, room.name, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: ticket ? { ticket } : {} })
  await timeout(new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve())))
  return done(() => provider.destroy())
}
const toVerify = [...new Set([...new Map(rooms.map((r) => [r.group, r])).values(), ...rooms.slice(0, 2)])]
let verified = 0
for (const room of toVerify) {
  try {
    if (await verifyWithStockClient(room)) verified++
    else errors.push(`${room.name}: the stock client saw different text`)
  } catch (error) {
    errors.push(`${room.name}: ${(error as Error).message}`)
  }
}

for (const c of all) c.close()

const byGroup = Object.fromEntries([...latencies].map(([group, xs]) => [group, summarize(xs)]))
const result = {
  editors: all.length,
  documents: rooms.length,
  connectSeconds: +connectSeconds.toFixed(1),
  windowSeconds: +windowSeconds.toFixed(1),
  drainSeconds: +drainSeconds.toFixed(1),
  editsSent: sent,
  deliveries: [...latencies.values()].reduce((n, xs) => n + xs.length, 0),
  missing,
  unmatched,
  latency: summarize([...latencies.values()].flat()),
  byGroup,
  closes,
  converged: `${rooms.length - diverged}/${rooms.length}`,
  stockClientSees: `${verified}/${toVerify.length}`,
  loadCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
  loadLoopDelayP99Ms: +(loopDelay.percentile(99) / 1e6).toFixed(1),
  loadLoopDelayMaxMs: +(loopDelay.max / 1e6).toFixed(1),
  /** The five seconds with the worst p99: [second of the window, p99 ms, max ms]. */
  worstSeconds: bySecond
    .map((xs, second) => ({ second, ...summarize(xs) }))
    .filter((s) => s.count > 0)
    .sort((a, b) => (b.p99 ?? 0) - (a.p99 ?? 0))
    .slice(0, 5)
    .map((s) => [s.second, s.p99, s.max]),
  errors,
}
process.stdout.write(`result ${JSON.stringify(result)}\n`)
process.exit(0)
