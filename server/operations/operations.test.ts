import http from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { z } from 'zod'
import { db, poolStats } from '../core/db/index.ts'
import { defineJob, enqueue, startJobs, stopJobs } from '../core/jobs.ts'
import { signTicket, ticketSecret } from '../realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../test/factories.ts'
import { until } from '../test/until.ts'
import { startRealtimeServer } from '../../realtime/index.ts'
import { loadStoredDocument } from '../coediting/index.ts'
import { closeReadinessChecks, operationsHandler, parseMetrics, recordRequest, routePatterns, sampleSum, webMetrics } from './index.ts'

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const servers: http.Server[] = []
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r))
  closeReadinessChecks()
  await stopJobs()
})

/** A real HTTP server answering with the operations handler, as scripts/platform.ts does. */
async function serve(options: { redisUrl?: string; token?: string; draining?: () => boolean }): Promise<string> {
  const metrics = webMetrics()
  const handler = operationsHandler({ db: db(), isDraining: options.draining ?? (() => false), redisUrl: options.redisUrl, metricsToken: options.token, processMetrics: () => metrics.registry.metrics() })
  const server = http.createServer((req, res) => handler(req, res) || res.writeHead(418).end())
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

describe('readiness', () => {
  it('ready with the database and Redis up; not ready when Redis is down; draining answers 503 whatever else holds', async () => {
    const up = await serve({ redisUrl })
    const ready = await fetch(`${up}/api/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { isUp: true }, redis: { isUp: true } })

    // Nothing listens on port 1: Redis is "down".
    const noRedis = await serve({ redisUrl: 'redis://127.0.0.1:1' })
    const down = await fetch(`${noRedis}/api/ready`)
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ status: 'not_ready', database: { isUp: true }, redis: { isUp: false } })

    let draining = false
    const drainable = await serve({ draining: () => draining })
    expect((await fetch(`${drainable}/api/ready`)).status).toBe(200)
    draining = true
    const drained = await fetch(`${drainable}/api/ready`)
    expect(drained.status).toBe(503)
    expect((await drained.json()).status).toBe('draining')
  })

  it('stays ready while every connection of the process pool is taken: its check has a connection of its own', async () => {
    const url = await serve({})
    await db().$queryRaw`SELECT 1`
    const max = poolStats()!.max
    // Every pooled connection held by a transaction waiting on a gate (a burst queued on a row lock).
    let open!: () => void
    const gate = new Promise<void>((r) => (open = r))
    const held = Array.from({ length: max }, () => db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`
      await gate
    }, { maxWait: 30_000, timeout: 30_000 }))
    try {
      await until(() => poolStats()!.idle === 0 && poolStats()!.total === max, 10_000)
      // Through the pool it would wait past its 2 s check and answer 503 not_ready.
      const answer = await fetch(`${url}/api/ready`)
      expect(answer.status).toBe(200)
      expect(await answer.json()).toMatchObject({ status: 'ready', database: { isUp: true } })
    } finally {
      open()
      await Promise.all(held)
    }
  })
})

describe('metrics', () => {
  it('absent token: no endpoint (404); wrong or missing token: 401', async () => {
    expect((await fetch(`${await serve({})}/api/metrics`)).status).toBe(404)
    const guarded = await serve({ token: 'scrape-secret-1' })
    expect((await fetch(`${guarded}/api/metrics`)).status).toBe(401)
    expect((await fetch(`${guarded}/api/metrics`, { headers: { authorization: 'Bearer scrape-secret-2' } })).status).toBe(401)
    expect((await fetch(`${guarded}/api/metrics`, { headers: { authorization: 'Basic scrape-secret-1' } })).status).toBe(401)
  })

  it('counts requests by route pattern, pool use and the job queue depth, in the text format', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xietong-routes-'))
    // The shape Next writes in .next/routes-manifest.json (the e2e two-instance test reads a real one).
    writeFileSync(path.join(dir, 'routes-manifest.json'), JSON.stringify({
      staticRoutes: [{ page: '/inbox', regex: '^/inbox(?:/)?$' }],
      dynamicRoutes: [{ page: '/documents/[id]', regex: '^/documents/([^/]+?)(?:/)?$' }, { page: '/api/documents/[id]/pdf', regex: '^/api/documents/([^/]+?)/pdf(?:/)?$' }],
    }))
    const routeOf = routePatterns(dir)
    expect(routeOf('/documents/0b7c9d2e')).toBe('/documents/[id]')
    expect(routeOf('/inbox/')).toBe('/inbox')
    expect(routeOf('/api/documents/x/pdf')).toBe('/api/documents/[id]/pdf')
    expect(routeOf('/wp-admin/install.php')).toBe('other')
    expect(routeOf('/_next/static/chunks/a.js')).toBe('/_next')
    // A thousand distinct documents are one series.
    for (let i = 0; i < 1000; i++) recordRequest('GET', routeOf(`/documents/${randomUUID()}`), 200, 0.02)
    recordRequest('GET', routeOf('/documents/slow'), 200, 3)
    recordRequest('BREW', routeOf('/inbox'), 405, 0.001)

    const job = defineJob({ name: `ops-test-${randomUUID().slice(0, 8)}`, payload: z.object({ n: z.number() }), handler: async () => undefined })
    await startJobs([job], { work: false })
    for (let n = 0; n < 3; n++) await enqueue(job, { n })
    await db().person.count() // the pool has opened a connection

    const base = await serve({ token: 'scrape-secret-1' })
    const answer = await fetch(`${base}/api/metrics`, { headers: { authorization: 'Bearer scrape-secret-1' } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const m = parseMetrics(await answer.text())
    expect(m.types.get('xietong_http_requests_total')).toBe('counter')
    expect(m.types.get('xietong_http_request_duration_seconds')).toBe('histogram')
    expect(sampleSum(m, 'xietong_http_requests_total', { route: '/documents/[id]', method: 'GET', status: '200' })).toBe(1001)
    expect(m.samples.filter((s) => s.name === 'xietong_http_requests_total' && s.labels.route === '/documents/[id]')).toHaveLength(1)
    expect(sampleSum(m, 'xietong_http_requests_total', { route: '/inbox', method: 'OTHER', status: '405' })).toBe(1)
    // Histogram: 1,000 requests at 20 ms are under the 25 ms bucket, the 3 s one only from 5 s.
    expect(sampleSum(m, 'xietong_http_request_duration_seconds_bucket', { route: '/documents/[id]', le: '0.025' })).toBe(1000)
    expect(sampleSum(m, 'xietong_http_request_duration_seconds_bucket', { route: '/documents/[id]', le: '5' })).toBe(1001)
    expect(sampleSum(m, 'xietong_http_request_duration_seconds_count', { route: '/documents/[id]' })).toBe(1001)
    expect(sampleSum(m, 'xietong_http_request_duration_seconds_sum', { route: '/documents/[id]' })).toBeCloseTo(23, 5)
    expect(sampleSum(m, 'xietong_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1)
    expect(sampleSum(m, 'xietong_db_pool_max')).toBeGreaterThanOrEqual(1)
    expect(sampleSum(m, 'xietong_job_queue_depth', { queue: job.name, state: 'created' })).toBe(3)
    expect(sampleSum(m, 'xietong_process_resident_memory_bytes')).toBeGreaterThan(0)
  })
})

describe('the co-editing server', () => {
  it('serves readiness and metrics on its port; closing sends 1001 and the client reconnects to the other server, losing nothing', async () => {
    const prefix = `xietong-test:${randomUUID()}:`
    const a = await startRealtimeServer({ db: db(), redisUrl, redisPrefix: prefix, metricsToken: 'rt-secret' })
    const b = await startRealtimeServer({ db: db(), redisUrl, redisPrefix: prefix, metricsToken: 'rt-secret' })
    // A tiny balancer: connections go to A until it is closing, then to B (what /ready tells one).
    let target = a.port
    const proxy = http.createServer()
    proxy.on('upgrade', (req, socket, head) => {
      const upstream = http.request({ host: '127.0.0.1', port: target, path: req.url, headers: req.headers })
      upstream.on('upgrade', (res, up, upHead) => {
        socket.write(`HTTP/1.1 101 Switching Protocols\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`)
        if (upHead.length) socket.write(upHead)
        if (head.length) up.write(head)
        up.pipe(socket).pipe(up)
        up.on('close', () => socket.destroy())
        socket.on('close', () => up.destroy())
      })
      upstream.on('response', (res) => socket.end(`HTTP/1.1 ${res.statusCode} x\r\n\r\n`))
      upstream.on('error', () => socket.destroy())
      upstream.end()
    })
    servers.push(proxy)
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()))
    const person = await buildPerson({ name: '起草人' })
    const doc = `ops-doc-${randomUUID().slice(0, 8)}`
    const ticket = signTicket(await ticketSecret(db()), { doc, personId: person.id, sessionId: await buildSession(person.id), name: '测试', right: 'edit' })
    const ydoc = new Y.Doc()
    const provider = new WebsocketProvider(`ws://127.0.0.1:${(proxy.address() as { port: number }).port}`, doc, ydoc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket } })
    try {
      await until(() => provider.synced, 10_000)
      ydoc.getText('body').insert(0, '防汛通知')
      const scrape = async (port: number, token = 'rt-secret') => fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } })
      await until(async () => sampleSum(parseMetrics(await (await scrape(a.port)).text()), 'xietong_realtime_store_seconds_count') >= 1, 10_000)
      const onA = parseMetrics(await (await scrape(a.port)).text())
      expect(sampleSum(onA, 'xietong_realtime_connections')).toBe(1)
      expect(sampleSum(onA, 'xietong_realtime_documents')).toBe(1)
      expect(sampleSum(onA, 'xietong_realtime_store_rows')).toBeGreaterThanOrEqual(1)
      expect((await scrape(a.port, 'wrong')).status).toBe(401)
      expect((await fetch(`http://127.0.0.1:${a.port}/ready`)).status).toBe(200)

      const codes: number[] = []
      provider.ws?.addEventListener('close', (event: { code: number }) => codes.push(event.code))
      target = b.port
      await a.close()
      expect(codes).toEqual([1001])
      // y-websocket reconnects by itself (1001 is not one of the 44xx codes that stop it), to B.
      await until(async () => provider.wsconnected && provider.synced && sampleSum(parseMetrics(await (await scrape(b.port)).text()), 'xietong_realtime_connections') === 1, 15_000)
      ydoc.getText('body').insert(4, '：立即部署')
      await until(async () => (await loadStoredDocument(db(), doc)).doc.getText('body').toString() === '防汛通知：立即部署', 10_000)
    } finally {
      provider.destroy()
      await b.close()
    }
  })
})
