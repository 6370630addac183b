/**
 * Starts Xietong: the database (embedded unless DATABASE_URL is set), migrations, the demo data
 * (unless SEED_DEMO=0), then the web app on PORT.
 *   tsx scripts/platform.ts dev     development server (hot reload)
 *   tsx scripts/platform.ts start   production server (after `npm run build`)
 */
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { projectRoot } from './db/schema-engine.ts'
import { applyMigrations } from './db/migrate.ts'
import { startEmbeddedPostgres, StartupError, type EmbeddedDatabase } from './embedded-postgres.ts'

const mode = process.argv[2] === 'start' ? 'start' : 'dev'
const envFile = path.join(projectRoot, '.env')
if (existsSync(envFile)) process.loadEnvFile(envFile)
;(process.env as Record<string, string>).NODE_ENV ??= mode === 'start' ? 'production' : 'development'
process.env.NEXT_TELEMETRY_DISABLED ??= '1'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'

let embedded: EmbeddedDatabase | undefined

async function main() {
  const running: { server?: http.Server; realtime?: { close: () => Promise<void> } } = {}
  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    await new Promise<void>((r) => (running.server ? running.server.close(() => r()) : r()))
    running.server?.closeAllConnections()
    await running.realtime?.close().catch(() => undefined)
    const { stopJobs } = await import('../server/core/jobs.ts')
    await stopJobs().catch(() => undefined)
    const { disconnectDb } = await import('../server/core/db/index.ts')
    await disconnectDb().catch(() => undefined)
    await embedded?.stop()
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))

  if (!process.env.DATABASE_URL) {
    const dataDir = path.join(process.env.XIETONG_DATA_DIR ?? path.join(projectRoot, '.data'), 'postgres')
    embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), database: 'xietong' })
    process.env.DATABASE_URL = embedded.url
    console.log(`Embedded PostgreSQL is running (data in ${path.relative(projectRoot, dataDir)}).`)
  }
  const applied = await applyMigrations(process.env.DATABASE_URL!)
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`)

  const { db } = await import('../server/core/db/index.ts')
  const { ensureSystemRoles, seedDemo, allJobs } = await import('../server/platform/index.ts')
  const { startJobs } = await import('../server/core/jobs.ts')
  const { logger } = await import('../server/core/logger.ts')
  await ensureSystemRoles(db())
  const { ensureDefaultTemplates, documentBodyAccess } = await import('../server/documents/index.ts')
  await ensureDefaultTemplates(db())
  if (process.env.SEED_DEMO !== '0') {
    const result = await seedDemo(db())
    if (result === 'seeded') console.log('Seeded the demo city government (accounts in README.md).')
  }

  // The job worker runs inside the platform unless it runs as its own process (`npm run worker`).
  await startJobs(allJobs, { work: process.env.RUN_WORKER !== '0' })
  // So does the co-editing server (`npm run realtime` runs it on its own).
  if (process.env.RUN_REALTIME !== '0') {
    const { startRealtimeServer } = await import('../realtime/index.ts')
    const realtimePort = Number(process.env.REALTIME_PORT ?? 3001)
    running.realtime = await startRealtimeServer({ db: db(), port: realtimePort, host, access: documentBodyAccess(db()) }).catch((error: NodeJS.ErrnoException) => {
      throw new StartupError(error.code === 'EADDRINUSE' ? `Port ${realtimePort} (co-editing) is already in use. Set REALTIME_PORT to a free port.` : error.message)
    })
    console.log(`Co-editing server on ws://localhost:${realtimePort}.`)
  }

  const { default: next } = await import('next')
  const app = next({ dev: mode === 'dev', dir: projectRoot, hostname: 'localhost', port })
  const handle = app.getRequestHandler()
  await app.prepare()
  const trustProxy = process.env.TRUST_PROXY === 'true'
  const server = http.createServer((req, res) => {
    // The client address and request id come from here, never from what the client sent
    // (unless a trusted reverse proxy sets X-Forwarded-For).
    const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : ''
    req.headers['x-client-ip'] = forwarded || req.socket.remoteAddress || ''
    const requestId = randomUUID()
    req.headers['x-request-id'] = requestId
    res.setHeader('x-request-id', requestId)
    const started = performance.now()
    res.on('finish', () => {
      if (req.url?.startsWith('/_next/')) return
      logger.info({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request')
    })
    void handle(req, res)
  })
  running.server = server
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is already in use. Stop what is using it or set PORT to another port.` : error.message)
    void stop(1)
  })
  server.listen(port, host, () => {
    console.log(`Xietong is running at http://localhost:${port} (${mode === 'dev' ? 'development' : 'production'}).`)
  })
}

main().catch(async (error) => {
  console.error(error instanceof StartupError ? error.message : error)
  await embedded?.stop().catch(() => undefined)
  process.exit(1)
})
