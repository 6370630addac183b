/**
 * Two of everything (issue 21): two platform instances (`scripts/platform.ts start`, the production
 * build, each with its own job worker and co-editing server; A runs two web processes under
 * node:cluster) on one PostgreSQL database and one Redis, behind a round-robin reverse proxy made here
 * (e2e/support/round-robin-proxy.ts: no sticky sessions; it sends only to instances whose /api/ready
 * answers 200, and a refused connection takes an instance out and goes to the next, like a load balancer).
 * Here under e2e/ because it needs `next build`'s output, which `npm run test:e2e` makes first.
 * Runs once (desktop project); needs DATABASE_URL (a PostgreSQL server) and Redis (REDIS_URL or
 * 127.0.0.1:6379).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { test, expect } from '@playwright/test'
import pg from 'pg'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { parseMetrics, sampleSum } from '../server/operations/parse-metrics.ts'
import { startSmtpSink, type ReceivedMail } from '../server/test/smtp.ts'
import { until } from '../server/test/until.ts'
import { DEMO_PASSWORD } from './support/helpers.ts'
import { startRoundRobinProxy, type RoundRobinProxy } from './support/round-robin-proxy.ts'

const root = path.resolve(import.meta.dirname, '..')
const base = Number(process.env.TWO_INSTANCES_PORT ?? 3441)
const ports = { a: base, aRealtime: base + 1, b: base + 2, bRealtime: base + 3, proxy: base + 4, smtp: base + 5, aApps: base + 6, bApps: base + 7 }
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const metricsToken = randomUUID()
const proxyOrigin = `http://127.0.0.1:${ports.proxy}`

test.describe.configure({ mode: 'serial', timeout: 300_000 })

type Instance = { name: string; port: number; realtimePort: number; child: ChildProcess; exited: Promise<number | null> }

let dbName = ''
let databaseUrl = ''
let sql: pg.Client
let a: Instance
let b: Instance
let proxy: RoundRobinProxy
let smtp: Awaited<ReturnType<typeof startSmtpSink>>

function startInstance(name: string, port: number, realtimePort: number, appsPort: number, webProcesses: number): Instance {
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: String(port), REALTIME_PORT: String(realtimePort), APPS_PORT: String(appsPort),
    WEB_PROCESSES: String(webProcesses), SEED_DEMO: '1', LOG_LEVEL: 'warn', METRICS_TOKEN: metricsToken, PUBLIC_URL: proxyOrigin,
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`, SHUTDOWN_DELAY_MS: '1500', SHUTDOWN_TIMEOUT_MS: '10000',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000', RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000', RATE_LIMIT_READS_PER_MINUTE: '100000',
  }
  // Its own process group: SIGKILL to the group is the machine dying, children included.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/platform.ts'), 'start'], { env, cwd: root, stdio: ['ignore', 'inherit', 'inherit'], detached: true })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return { name, port, realtimePort, child, exited }
}

// Starting an instance (migrations, the demo seed, Next in each web process) took over 180 s here with
// the load average at 24 from other sessions' builds: the wait is generous, it is not what is tested.
async function ready(port: number, timeoutMs = 300_000): Promise<void> {
  await until(async () => (await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => null))?.status === 200, timeoutMs)
}

type Session = { cookie: string; csrf: string; personId: string }

function cookiesOf(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]).map(([k, ...v]) => [k, v.join('=')]))
}

async function signIn(login: string, origin = proxyOrigin): Promise<Session> {
  const response = await fetch(`${origin}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ login, password: DEMO_PASSWORD }) })
  expect(response.status, await response.clone().text()).toBe(200)
  const jar = cookiesOf(response)
  const csrf = [...jar].find(([k]) => k.endsWith('xt_csrf'))![1]
  const person = await sql.query<{ id: string }>('SELECT id FROM "Person" WHERE account = $1', [login])
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf, personId: person.rows[0]!.id }
}

async function api<T = unknown>(session: Session, method: string, url: string, body?: unknown, origin = proxyOrigin): Promise<{ status: number; json: T }> {
  const response = await fetch(`${origin}${url}`, {
    method,
    headers: { cookie: session.cookie, origin, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, json: (text ? JSON.parse(text) : null) as T }
}

/** The badge stream (server-sent events) of one person on one instance: the latest counts. */
function badgeStream(session: Session, port: number) {
  const state = { counts: null as null | { todo: number; toread: number }, closed: false }
  const req = http.get({ host: '127.0.0.1', port, path: '/api/inbox/stream', headers: { cookie: session.cookie, accept: 'text/event-stream' } }, (res) => {
    let buffer = ''
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      for (const m of buffer.matchAll(/event: count\ndata: (.+)\n\n/g)) state.counts = JSON.parse(m[1]!)
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2)
    })
    res.on('close', () => (state.closed = true))
  })
  req.on('error', () => (state.closed = true))
  return { state, close: () => req.destroy() }
}

async function sendNotice(sender: Session, to: string[], title: string, via = proxyOrigin) {
  const sent = await api<{ id: string }>(sender, 'POST', '/api/notices', { title, body: '请各单位做好值班值守工作。', personIds: to, urgency: 'URGENT' }, via)
  expect(sent.status, JSON.stringify(sent.json)).toBe(200)
  return sent.json
}

test.beforeAll(async () => {
  test.skip(test.info().project.name !== 'desktop' || !process.env.DATABASE_URL, 'runs once (desktop project), on a PostgreSQL server (DATABASE_URL)')
  test.setTimeout(660_000)
  dbName = `xietong_two_${process.pid}`
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${dbName}"`)
  await admin.end()
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${dbName}`
  databaseUrl = url.toString()
  smtp = await startSmtpSink(ports.smtp)
  // A migrates and seeds; B then finds everything there (as a second instance joining does).
  a = startInstance('A', ports.a, ports.aRealtime, ports.aApps, 2)
  await ready(ports.a)
  b = startInstance('B', ports.b, ports.bRealtime, ports.bApps, 1)
  await ready(ports.b)
  sql = new pg.Client({ connectionString: databaseUrl })
  await sql.connect()
  proxy = await startRoundRobinProxy({ port: ports.proxy, upstreams: [ports.a, ports.b] })
})

test.afterAll(async () => {
  // Skipped (phone project, or no PostgreSQL server): nothing was started or created.
  if (!dbName) return
  await proxy?.close()
  for (const instance of [a, b]) {
    if (instance && instance.child.exitCode === null && instance.child.signalCode === null) {
      try { process.kill(-instance.child.pid!, 'SIGTERM') } catch { /* gone */ }
      await instance.exited
    }
  }
  await sql?.end()
  await smtp?.stop()
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
  await admin.end()
})

test('a person signed in through one instance is signed in on the other', async () => {
  const clerk = await signIn('clerk')
  // Whichever instance the proxy chose, the session works on both, asked directly.
  for (const port of [ports.a, ports.b]) {
    const answer = await fetch(`http://127.0.0.1:${port}/api/inbox/count`, { headers: { cookie: clerk.cookie } })
    expect(answer.status, `instance on ${port}`).toBe(200)
  }
  // Signing out on one ends it on the other (the session cache of every process hears it).
  const other = await signIn('drafter', `http://127.0.0.1:${ports.a}`)
  expect((await fetch(`http://127.0.0.1:${ports.b}/api/inbox/count`, { headers: { cookie: other.cookie } })).status).toBe(200)
  expect((await api(other, 'POST', '/api/auth/sign-out', {}, `http://127.0.0.1:${ports.a}`)).status).toBeLessThan(400)
  await until(async () => (await fetch(`http://127.0.0.1:${ports.b}/api/inbox/count`, { headers: { cookie: other.cookie } })).status === 401, 5000)
})

test('the inbox badge updates live whichever instance made the change', async () => {
  const clerk = await signIn('clerk')
  const leader = await signIn('leader')
  const onA = badgeStream(clerk, ports.a)
  const onB = badgeStream(clerk, ports.b)
  try {
    await until(() => onA.state.counts !== null && onB.state.counts !== null, 10_000)
    const start = onA.state.counts!.toread
    // A notice sent through A reaches the stream on B, and one through B the stream on A.
    await sendNotice(leader, [clerk.personId], '关于做好节日期间值班工作的通知', `http://127.0.0.1:${ports.a}`)
    await until(() => onA.state.counts?.toread === start + 1 && onB.state.counts?.toread === start + 1, 10_000)
    await sendNotice(leader, [clerk.personId], '关于做好寒潮防御工作的通知', `http://127.0.0.1:${ports.b}`)
    await until(() => onA.state.counts?.toread === start + 2 && onB.state.counts?.toread === start + 2, 10_000)
  } finally {
    onA.close()
    onB.close()
  }
})

test('two people on different co-editing servers edit one document and converge', async () => {
  const drafter = await signIn('drafter')
  const drafter2 = await signIn('drafter2')
  const unit = await sql.query<{ unitId: string }>('SELECT "unitId" FROM "Post" WHERE "personId" = $1 AND "isPrimary"', [drafter.personId])
  const created = await api<{ id: string }>(drafter, 'POST', '/api/documents', { kind: 'NOTICE', title: '关于开展安全生产大检查的通知', mainRecipients: '各县（区）人民政府', unitId: unit.rows[0]!.unitId })
  expect(created.status, JSON.stringify(created.json)).toBe(200)
  const id = created.json.id
  expect((await api(drafter, 'PATCH', `/api/documents/${id}`, { collaboratorIds: [drafter2.personId] })).status).toBe(200)
  const clients: WebsocketProvider[] = []
  try {
    const connect = async (session: Session, realtimePort: number) => {
      const t = await api<{ doc: string; ticket: string; right: string }>(session, 'GET', `/api/documents/${id}/body-ticket`)
      expect(t.json.right).toBe('edit')
      const ydoc = new Y.Doc()
      const provider = new WebsocketProvider(`ws://127.0.0.1:${realtimePort}`, t.json.doc, ydoc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket: t.json.ticket } })
      clients.push(provider)
      await until(() => provider.synced, 15_000)
      return ydoc.getXmlFragment('default')
    }
    const one = await connect(drafter, ports.aRealtime)
    const two = await connect(drafter2, ports.bRealtime)
    // Both type at once, each on their own server.
    const p1 = new Y.XmlElement('paragraph')
    p1.insert(0, [new Y.XmlText('一、各单位要高度重视。')])
    const p2 = new Y.XmlElement('paragraph')
    p2.insert(0, [new Y.XmlText('二、检查时间为十二月。')])
    one.insert(one.length, [p1])
    two.insert(two.length, [p2])
    await until(() => one.toString() === two.toString() && one.length >= 2, 10_000)
    expect(one.toString()).toContain('各单位要高度重视')
    expect(one.toString()).toContain('检查时间为十二月')
    // What both see is what is stored (each update once, by the server that took it).
    const rows = await sql.query<{ n: string }>('SELECT count(*) AS n FROM "RealtimeUpdate" WHERE "docName" = $1', [`document:${id}`])
    expect(Number(rows.rows[0]!.n)).toBeGreaterThanOrEqual(2)
  } finally {
    for (const c of clients) c.destroy()
  }
})

test('jobs run once: each mail of a notice is delivered once though both instances run the mail sweep', async () => {
  const leader = await signIn('leader')
  const recipients = await sql.query<{ id: string }>(`SELECT id FROM "Person" WHERE email IS NOT NULL AND account NOT IN ('leader', 'admin', 'secadmin', 'auditor') ORDER BY account LIMIT 12`)
  const before = smtp.received.length
  const title = `关于做好元旦期间安全防范工作的通知${randomUUID().slice(0, 4)}`
  await sendNotice(leader, recipients.rows.map((r) => r.id), title)
  const queued = Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMail" WHERE subject LIKE $1`, [`%${title}%`])).rows[0]!.n)
  expect(queued).toBeGreaterThan(0)
  // The sweep runs every minute; both instances' workers poll the same queue.
  await until(async () => Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMail" WHERE subject LIKE $1 AND status = 'SENT'`, [`%${title}%`])).rows[0]!.n) === queued, 130_000)
  await until(() => smtp.received.filter((m: ReceivedMail) => m.subject.includes(title)).length >= queued, 5000)
  const mails = smtp.received.slice(before).filter((m: ReceivedMail) => m.subject.includes(title))
  expect(mails).toHaveLength(queued)
  expect(new Set(mails.map((m) => m.to.join(','))).size).toBe(queued)
  // The sweep's schedule: both instances' schedulers send each minute's occurrence, pg-boss files it
  // under one singleton key, so there is one job per occurrence; every job was started once.
  const occurrences = await sql.query<{ slot: string; n: string }>(
    `SELECT coalesce(data->>'slot', singleton_on::text, id::text) AS slot, count(*) AS n FROM pgboss.job
      WHERE name = '__pgboss__send-it' AND data->>'name' = 'mail.deliver' GROUP BY 1`)
  for (const row of occurrences.rows) expect(Number(row.n), row.slot).toBe(1)
  const retried = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name IN ('mail.deliver', 'notice.push') AND retry_count > 0`)
  expect(Number(retried.rows[0]!.n)).toBe(0)
})

test('metrics: each instance aggregates its web processes; the co-editing servers answer on their ports', async () => {
  const clerk = await signIn('clerk')
  const scrape = async (port: number, pathName = '/api/metrics') => parseMetrics(await (await fetch(`http://127.0.0.1:${port}${pathName}`, { headers: { authorization: `Bearer ${metricsToken}` } })).text())
  const before = sampleSum(await scrape(ports.a), 'xietong_http_requests_total', { route: '/api/inbox/count' })
  for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${ports.a}/api/inbox/count`, { headers: { cookie: clerk.cookie } })
  // Twenty requests spread over A's two web processes, counted once each in the aggregate (a request
  // is counted when its answer has been written, which may be just after the client has it).
  const counted = async () => sampleSum(await scrape(ports.a), 'xietong_http_requests_total', { route: '/api/inbox/count', status: '200' }) - before
  await until(async () => (await counted()) >= 20, 5000)
  expect(await counted()).toBe(20)
  const m = await scrape(ports.a)
  expect(sampleSum(m, 'xietong_db_pool_max')).toBeGreaterThanOrEqual(2)
  expect(m.types.get('xietong_job_queue_depth')).toBe('gauge')
  expect(m.samples.some((s) => s.name === 'xietong_http_requests_total' && /[0-9a-f]{8}-/.test(s.labels.route ?? ''))).toBe(false)
  expect((await fetch(`http://127.0.0.1:${ports.a}/api/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
  const rt = await scrape(ports.bRealtime, '/metrics')
  expect(rt.types.get('xietong_realtime_store_seconds')).toBe('histogram')
})

test('numbering stays gapless across instances; killing one (SIGKILL) loses no accepted work and the other keeps serving', async () => {
  const clerk = await signIn('clerk')
  // The organisation whose registry the clerk keeps: the nearest unit above their post with an organ code.
  const organ = await sql.query<{ id: string }>(
    `SELECT u.id FROM "Unit" u JOIN "Unit" pu ON pu.path LIKE u.path || '%' JOIN "Post" p ON p."unitId" = pu.id
      WHERE p."personId" = $1 AND p."isPrimary" AND u."organCode" IS NOT NULL ORDER BY u.depth DESC LIMIT 1`, [clerk.personId])
  const organId = organ.rows[0]!.id
  const reserve = (reason: string) => api<{ id: string; number: string }>(clerk, 'POST', '/api/documents/numbers', { organId, reason })
    .catch((error: Error) => ({ status: 0, json: { error: `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}` } as unknown as { id: string; number: string } }))
  // 40 at once through the proxy: both instances number.
  const first = await Promise.all(Array.from({ length: 40 }, (_, i) => reserve(`预留${i}`)))
  expect(first.map((r) => r.status)).toEqual(first.map(() => 200))
  expect(proxy.served.get(ports.a)! > 0 && proxy.served.get(ports.b)! > 0).toBe(true)

  // A burst, and instance A dies in the middle of it (its whole process group, no goodbye).
  const accepted: string[] = []
  const burst = Array.from({ length: 60 }, (_, i) => reserve(`突发${i}`).then((r) => (r.status === 200 && r.json ? accepted.push(r.json.id) : undefined)))
  await until(() => accepted.length >= 10, 20_000)
  process.kill(-a.child.pid!, 'SIGKILL')
  const killedAt = Date.now()
  // B keeps serving at once: a request sent now, before the readiness probe has noticed, may be sent
  // to A's dead port; the proxy finds it refused, takes A out and sends it to B.
  const firstAfter = await reserve('之后0')
  const servingMs = Date.now() - killedAt
  await Promise.all(burst)
  await a.exited
  await until(() => !proxy.healthy.has(ports.a), 5000)
  const after = [firstAfter, ...(await Promise.all(Array.from({ length: 19 }, (_, i) => reserve(`之后${i + 1}`))))]
  const why = () => JSON.stringify({ answers: after.map((r) => [r.status, r.json]), proxy: proxy.events })
  expect(after.map((r) => r.status), why()).toEqual(after.map(() => 200))
  for (const r of after) accepted.push(r.json!.id)
  for (const r of first) accepted.push(r.json!.id)

  // Nothing accepted is lost; the numbers are 1..n without a gap or a repeat.
  const prefix = first[0]!.json!.number.split('〔')[0]!
  const stored = await sql.query<{ id: string; sequence: number }>(`SELECT id, sequence FROM "DocumentNumber" WHERE prefix = $1 AND year = (SELECT max(year) FROM "DocumentNumber" WHERE prefix = $1)`, [prefix])
  const ids = new Set(stored.rows.map((r) => r.id))
  for (const id of accepted) expect(ids.has(id), `accepted number ${id}`).toBe(true)
  const sequences = stored.rows.map((r) => r.sequence).sort((x, y) => x - y)
  expect(sequences).toEqual(sequences.map((_, i) => i + 1))
  expect(sequences.length).toBeGreaterThanOrEqual(accepted.length)
  console.log(`two instances: ${accepted.length} numbers accepted (${first.length} before, ${after.length} after the kill), ${sequences.length} stored, 1..${sequences.length} without gaps; B answered ${servingMs} ms after the kill; proxy: ${JSON.stringify(proxy.events.slice(2))}`)
})

test('graceful shutdown: SIGTERM makes B answer 503 draining, closes badge streams, and exits 0', async () => {
  const clerk = await signIn('clerk', `http://127.0.0.1:${ports.b}`)
  const stream = badgeStream(clerk, ports.b)
  await until(() => stream.state.counts !== null, 10_000)
  const started = Date.now()
  process.kill(-b.child.pid!, 'SIGTERM')
  await until(async () => (await fetch(`http://127.0.0.1:${ports.b}/api/ready`).catch(() => null))?.status === 503, 5000)
  const draining = await (await fetch(`http://127.0.0.1:${ports.b}/api/ready`)).json()
  expect(draining.status).toBe('draining')
  await until(() => stream.state.closed, 15_000)
  expect(await b.exited).toBe(0)
  console.log(`graceful shutdown of B: ${Date.now() - started} ms from SIGTERM to exit`)
})
