/**
 * Starts Xietong: the database (embedded unless DATABASE_URL is set), migrations, the demo data
 * (unless SEED_DEMO=0), then the web app on PORT, the job worker and the co-editing server.
 *   tsx scripts/platform.ts dev     development server (hot reload), everything in one process
 *   tsx scripts/platform.ts start   production server (after `npm run build`)
 *
 * In production the three run apart so that none starves another of the event loop: WEB_PROCESSES web
 * processes (default: one per core when REDIS_URL is set, which live messaging needs between them;
 * otherwise one) share PORT (node:cluster), and the job worker (scripts/worker.ts)
 * and the co-editing server (scripts/realtime.ts) are child processes. RUN_WORKER / RUN_REALTIME:
 * `process` (production default), `inline` (in the web process; development default, and only with one
 * web process) or `0` (not started here: run `npm run worker` / `npm run realtime` elsewhere).
 * This process supervises them: one that exits unexpectedly is started again, and stopping this one
 * stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import cluster, { type Worker } from 'node:cluster'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { projectRoot } from './db/schema-engine.ts'
import { applyMigrations } from './db/migrate.ts'
import { startEmbeddedPostgres, StartupError, takeStopSignals, type EmbeddedDatabase } from './embedded-postgres.ts'

takeStopSignals()

const mode = process.argv[2] === 'start' ? 'start' : 'dev'
const WEB_ROLE = '--xietong-role=web'
const envFile = path.join(projectRoot, '.env')
if (existsSync(envFile)) process.loadEnvFile(envFile)
;(process.env as Record<string, string>).NODE_ENV ??= mode === 'start' ? 'production' : 'development'
process.env.NEXT_TELEMETRY_DISABLED ??= '1'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'

type Placement = 'process' | 'inline' | 'off'
// Live messages reach another web process's sockets through Redis (server/messaging/live/hub.ts), so
// without REDIS_URL the web app stays one process.
const webProcesses = mode === 'dev' ? 1 : Math.max(1, Math.floor(Number(process.env.WEB_PROCESSES ?? (process.env.REDIS_URL ? availableParallelism() : 1))) || 1)

function placementOf(name: 'RUN_WORKER' | 'RUN_REALTIME'): Placement {
  const value = (process.env[name] ?? '').trim().toLowerCase()
  if (value === '0' || value === 'off' || value === 'false') return 'off'
  const wanted: Placement = value === 'inline' || value === '1' || value === 'true' ? 'inline' : value === 'process' ? 'process' : mode === 'start' ? 'process' : 'inline'
  // Inline means inside the one web process; with several, each would start its own.
  return wanted === 'inline' && webProcesses > 1 ? 'process' : wanted
}

let embedded: EmbeddedDatabase | undefined

/** How long readiness says `draining` before the server stops accepting (the balancer's check interval). */
const shutdownDelayMs = Number(process.env.SHUTDOWN_DELAY_MS ?? (mode === 'start' ? 5000 : 0))
/** How long requests in flight may take to finish once draining; then their connections are closed. */
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 20_000)
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * The web app in this process: Next's handler behind our HTTP server (client address, request id,
 * metrics, readiness). On stop it drains: readiness answers 503 `draining` for SHUTDOWN_DELAY_MS while
 * it still serves (the balancer stops sending), then it stops accepting, ends badge streams and
 * messaging sockets (1001 going away: clients reconnect, through the balancer, to another instance),
 * and waits up to SHUTDOWN_TIMEOUT_MS for the requests in flight.
 */
async function serveWeb(onStopped: Array<() => Promise<void>>): Promise<http.Server> {
  const { allJobs } = await import('../server/platform/index.ts')
  const { logger } = await import('../server/core/logger.ts')
  const { clock } = await import('../server/core/clock.ts')
  const { default: next } = await import('next')
  const app = next({ dev: mode === 'dev', dir: projectRoot, hostname: 'localhost', port })
  const handle = app.getRequestHandler()
  await app.prepare()
  const { db } = await import('../server/core/db/index.ts')
  // Single sign-on (/oidc) and the micro-apps origin (scripts/mount-microapps.ts).
  const { mountMicroapps } = await import('./mount-microapps.ts')
  const microapps = await mountMicroapps(db(), { host })
  onStopped.unshift(() => microapps.close())
  const { webMetrics, recordRequest, routePatterns, operationsHandler, clusterMetricsClient, closeReadinessChecks } = await import('../server/operations/index.ts')
  const metrics = webMetrics()
  const routeOf = routePatterns(path.join(projectRoot, '.next'))
  const inCluster = cluster.isWorker ? clusterMetricsClient(metrics.registry) : undefined
  let draining = false
  const operations = operationsHandler({
    db: db(),
    isDraining: () => draining,
    redisUrl: process.env.REDIS_URL || undefined,
    metricsToken: process.env.METRICS_TOKEN || undefined,
    processMetrics: () => (inCluster ? inCluster.ask() : metrics.registry.metrics()),
  })
  const inFlight = new Set<http.ServerResponse>()
  const streams = new Set<http.IncomingMessage>()
  const trustProxy = process.env.TRUST_PROXY === 'true'
  const testClock = process.env.XIETONG_TEST_CLOCK === '1' ? await import('../e2e/support/test-clock-server.ts') : undefined
  if (testClock && !cluster.isWorker) logger.warn('XIETONG_TEST_CLOCK=1: requests may move the clock (end-to-end tests only; never set it in production)')
  const server = http.createServer((req, res) => {
    if (testClock?.intercept(req, res, allJobs)) return
    // The client address and request id come from here, never from what the client sent
    // (unless a trusted reverse proxy sets X-Forwarded-For).
    const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : ''
    req.headers['x-client-ip'] = forwarded || req.socket.remoteAddress || ''
    const requestId = randomUUID()
    req.headers['x-request-id'] = requestId
    res.setHeader('x-request-id', requestId)
    // Draining: no connection is kept alive for another request.
    if (draining) res.shouldKeepAlive = false
    if (operations(req, res)) return
    const started = performance.now()
    // Badge streams (server-sent events) last as long as the page: counted as open, not timed.
    const isStream = String(req.headers.accept ?? '').includes('text/event-stream')
    if (isStream) {
      streams.add(req)
      metrics.streams.inc({ kind: 'badge' })
    } else {
      inFlight.add(res)
      metrics.inFlight.inc()
    }
    res.on('close', () => {
      if (isStream) {
        streams.delete(req)
        metrics.streams.dec({ kind: 'badge' })
      } else if (inFlight.delete(res)) metrics.inFlight.dec()
    })
    res.on('finish', () => {
      const ms = performance.now() - started
      if (!isStream) recordRequest(req.method, routeOf((req.url ?? '/').split('?')[0]!), res.statusCode, ms / 1000)
      if (req.url?.startsWith('/_next/')) return
      logger.info({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(ms) }, 'request')
    })
    const offset = testClock?.offsetOf(req)
    const serve = () => void (microapps.handle(req, res) || handle(req, res))
    if (offset) clock.shifted(offset, serve)
    else serve()
  })
  // Idle keep-alive connections stay open longer than clients and reverse proxies keep theirs (Node's 5 s
  // default closes a socket just as a client reuses it: ECONNRESET on an innocent GET); headers must
  // still arrive promptly.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  // Live messaging shares this server and origin (server/messaging/live/hub.ts): only its path is
  // taken; in development Next's own upgrade listener (hot reload) gets the rest.
  const { startMessagingHub } = await import('../server/messaging/index.ts')
  const messaging = await startMessagingHub({ db: db() })
  server.on('upgrade', (req, socket, head) => {
    if (draining) return void socket.destroy()
    if (!messaging.handleUpgrade(req, socket, head) && mode === 'start') socket.destroy()
  })
  new (await import('prom-client')).Gauge({ name: 'xietong_messaging_sockets', help: 'Live messaging sockets open in this process', registers: [metrics.registry], collect() { this.set(messaging.stats.clients()) } })
  onStopped.unshift(async () => {
    draining = true
    logger.info({ delayMs: shutdownDelayMs, timeoutMs: shutdownTimeoutMs }, 'draining: readiness answers 503')
    if (shutdownDelayMs > 0) await sleep(shutdownDelayMs)
    const closed = new Promise<void>((r) => server.close(() => r()))
    server.closeIdleConnections()
    for (const res of inFlight) res.shouldKeepAlive = false
    // The browser's EventSource reconnects by itself (retry: 3 s), through the balancer.
    for (const req of streams) req.socket.destroy()
    await messaging.close()
    const timedOut = await Promise.race([closed.then(() => false), sleep(shutdownTimeoutMs).then(() => true)])
    if (timedOut) logger.warn({ left: inFlight.size }, 'draining: requests still running at the timeout; closing their connections')
    server.closeAllConnections()
    closeReadinessChecks()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new StartupError(error.code === 'EADDRINUSE' ? `Port ${port} is already in use. Stop what is using it or set PORT to another port.` : error.message))
    })
    server.listen(port, host, () => resolve())
  })
  return server
}

/** One web process of several (node:cluster): serves until told to stop. */
async function webWorker() {
  const stopping: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stopping) await s().catch(() => undefined)
    const { stopJobs } = await import('../server/core/jobs.ts')
    await stopJobs().catch(() => undefined)
    const { disconnectDb } = await import('../server/core/db/index.ts')
    await disconnectDb().catch(() => undefined)
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
  // The primary is gone (killed): do not serve on as an orphan.
  process.on('disconnect', () => void stop())
  await serveWeb(stopping)
}

/** A child process (the worker or the co-editing server), started again if it exits on its own. */
function superviseChild(name: string, script: string, env: Record<string, string>, onFatal: (message: string) => void): { ready: Promise<void>; stop: () => Promise<void> } {
  let child: ChildProcess | undefined
  let stopping = false
  const restarts: number[] = []
  let resolveReady!: () => void
  let rejectReady!: (e: Error) => void
  const ready = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)))
  let isReady = false
  const start = () => {
    const c = spawn(process.execPath, [...process.execArgv, path.join(projectRoot, 'scripts', script)], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    child = c
    // Writing to the channel of a child that just exited fails with EPIPE: not a reason to stop.
    c.on('error', (error) => console.error(`The ${name}: ${error.message}`))
    c.on('message', (message) => {
      if (message === 'ready' && !isReady) {
        isReady = true
        resolveReady()
      }
    })
    c.on('exit', (code, signal) => {
      if (stopping || isStopping) return
      if (!isReady) return rejectReady(new StartupError(`The ${name} did not start (exit ${code ?? signal}).`))
      const now = Date.now()
      restarts.push(now)
      while (restarts.length && restarts[0]! < now - 60_000) restarts.shift()
      if (restarts.length > 5) return onFatal(`The ${name} keeps stopping (${restarts.length} times in a minute); stopping the platform.`)
      console.error(`The ${name} stopped (exit ${code ?? signal}); starting it again.`)
      setTimeout(start, 1000).unref()
    })
  }
  start()
  return {
    ready,
    stop: async () => {
      stopping = true
      const c = child
      if (!c || c.exitCode !== null || c.signalCode !== null) return
      await new Promise<void>((r) => {
        const kill = setTimeout(() => c.kill('SIGKILL'), shutdownTimeoutMs + 15_000)
        c.once('exit', () => (clearTimeout(kill), r()))
        c.kill('SIGTERM')
      })
    },
  }
}

/** The web processes (node:cluster, one port); one that exits on its own is started again. */
function superviseWeb(count: number, onFatal: (message: string) => void): { ready: Promise<void>; stop: () => Promise<void> } {
  cluster.setupPrimary({ exec: process.argv[1], args: [mode, WEB_ROLE], execArgv: process.execArgv })
  let stopping = false
  let listening = 0
  const restarts: number[] = []
  let resolveReady!: () => void
  let rejectReady!: (e: Error) => void
  const ready = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)))
  const workers = new Set<Worker>()
  const fork = () => {
    const worker = cluster.fork()
    workers.add(worker)
    worker.on('error', (error) => console.error(`A web process: ${error.message}`))
    let listened = false
    worker.on('listening', () => {
      listened = true
      if (++listening === count) resolveReady()
    })
    worker.on('exit', (code, signal) => {
      workers.delete(worker)
      if (stopping || isStopping) return
      if (!listened && listening < count) return rejectReady(new StartupError(`A web process did not start (exit ${code ?? signal}).`))
      const now = Date.now()
      restarts.push(now)
      while (restarts.length && restarts[0]! < now - 60_000) restarts.shift()
      if (restarts.length > 5) return onFatal(`Web processes keep stopping (${restarts.length} times in a minute); stopping the platform.`)
      console.error(`A web process stopped (exit ${code ?? signal}); starting another.`)
      fork()
    })
  }
  for (let i = 0; i < count; i++) fork()
  return {
    ready,
    stop: async () => {
      stopping = true
      await Promise.all([...workers].map((w) => new Promise<void>((r) => {
        if (w.process.exitCode !== null) return r()
        const kill = setTimeout(() => w.process.kill('SIGKILL'), shutdownDelayMs + shutdownTimeoutMs + 15_000)
        w.once('exit', () => (clearTimeout(kill), r()))
        w.process.kill('SIGTERM')
      })))
    },
  }
}

const stopping: Array<() => Promise<void>> = []
let isStopping = false
/** Stops what this process started (web processes first, then the children, jobs, the database). */
async function stop(code: number) {
  if (isStopping) return
  isStopping = true
  for (const s of stopping) await s().catch(() => undefined)
  const { stopJobs } = await import('../server/core/jobs.ts')
  await stopJobs().catch(() => undefined)
  const { disconnectDb } = await import('../server/core/db/index.ts')
  await disconnectDb().catch(() => undefined)
  await embedded?.stop().catch(() => undefined)
  process.exit(code)
}

async function main() {
  const fatal = (message: string) => {
    console.error(message)
    void stop(1)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))

  // A font setting (PDF_FONT_*) that names no usable font stops the start, not the first PDF.
  const { checkFontSettings } = await import('../server/rendering/index.ts')
  await checkFontSettings().catch((error: Error) => {
    throw new StartupError(error.message)
  })
  if (!process.env.DATABASE_URL) {
    const dataDir = path.join(process.env.XIETONG_DATA_DIR ?? path.join(projectRoot, '.data'), 'postgres')
    embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), database: 'xietong' })
    process.env.DATABASE_URL = embedded.url
    console.log(`Embedded PostgreSQL is running (data in ${path.relative(projectRoot, dataDir)}).`)
  }
  const applied = await applyMigrations(process.env.DATABASE_URL!)
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`)

  const { db } = await import('../server/core/db/index.ts')
  const { ensureSystemRoles, seedDemo, allJobs, coeditingAccess } = await import('../server/platform/index.ts')
  const { startJobs } = await import('../server/core/jobs.ts')
  await ensureSystemRoles(db())
  const { ensureDefaultTemplates } = await import('../server/documents/index.ts')
  await ensureDefaultTemplates(db())
  const { ensureOfficialCalendar } = await import('../server/duty/index.ts')
  await ensureOfficialCalendar(db()) // the packaged holiday calendar (chinese-days, 2004–2026), once
  if (process.env.SEED_DEMO !== '0') {
    const result = await seedDemo(db())
    if (result === 'seeded') console.log('Seeded the demo city government (accounts in README.md).')
  }

  // Queues and schedules exist before any web process sends a job; the worker (here or apart) runs them.
  const worker = placementOf('RUN_WORKER')
  await startJobs(allJobs, { work: worker === 'inline' })
  if (worker === 'process') {
    const child = superviseChild('job worker', 'worker.ts', {}, fatal)
    stopping.push(child.stop)
    await child.ready
  }
  const realtime = placementOf('RUN_REALTIME')
  const realtimePort = Number(process.env.REALTIME_PORT ?? 3001)
  if (realtime === 'inline') {
    const { startRealtimeServer } = await import('../realtime/index.ts')
    const server = await startRealtimeServer({ db: db(), port: realtimePort, host, access: coeditingAccess(db()) }).catch((error: NodeJS.ErrnoException) => {
      throw new StartupError(error.code === 'EADDRINUSE' ? `Port ${realtimePort} (co-editing) is already in use. Set REALTIME_PORT to a free port.` : error.message)
    })
    stopping.push(() => server.close())
  } else if (realtime === 'process') {
    const child = superviseChild('co-editing server', 'realtime.ts', { REALTIME_PORT: String(realtimePort), HOST: host }, fatal)
    stopping.push(child.stop)
    await child.ready.catch(() => {
      throw new StartupError(`The co-editing server did not start: is port ${realtimePort} free? Set REALTIME_PORT to a free port.`)
    })
  }
  if (realtime !== 'off') console.log(`Co-editing server on ws://localhost:${realtimePort}${realtime === 'process' ? ' (own process)' : ''}.`)

  if (webProcesses === 1) {
    await serveWeb(stopping)
  } else {
    const { serveClusterMetrics } = await import('../server/operations/index.ts')
    serveClusterMetrics()
    const web = superviseWeb(webProcesses, fatal)
    stopping.unshift(web.stop)
    await web.ready
  }
  const parts = [webProcesses > 1 ? `${webProcesses} web processes` : null, worker === 'process' ? 'job worker apart' : null].filter(Boolean)
  console.log(`Xietong is running at http://localhost:${port} (${mode === 'dev' ? 'development' : 'production'}${parts.length ? `; ${parts.join(', ')}` : ''}).`)
}

if (cluster.isWorker && process.argv.includes(WEB_ROLE)) {
  webWorker().catch((error) => {
    console.error(error instanceof StartupError ? error.message : error)
    process.exit(1)
  })
} else {
  main().catch(async (error) => {
    console.error(error instanceof StartupError ? error.message : error)
    await stop(1)
  })
}
