/**
 * Benchmarks (issue: platform foundation). Run with `npm run bench`; figures are printed and written
 * to bench/results/latest.json.
 *   1. Directory search over 200,000 people (p50/p95/p99 of searchPeople, by kind of query).
 *   2. An authenticated read-by-id route: Prisma vs raw pg in the same run (autocannon), and the real
 *      Next.js API route of the production build (needs `npm run build` first).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import { benchDatabase } from './database.ts'
import { seedPeople } from './seed-people.ts'
import { benchDirectorySearch } from './directory-search.ts'
import { benchInboxPage, benchNoticeFanOut } from './inbox.ts'

const root = path.resolve(import.meta.dirname, '..')
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200_000)
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)

function startChild(args: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = async () => {
      try {
        const r = await fetch(readyUrl)
        if (r.status < 500) return resolve(child)
      } catch { /* not up yet */ }
      if (Date.now() - started > 120_000) return reject(new Error(`${args.join(' ')} did not start`))
      setTimeout(poll, 200)
    }
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
    void poll()
  })
}

async function load(url: string, cookie: string, ids: string[]) {
  let i = 0
  const result = await autocannon({
    url, connections: 10, duration: DURATION, headers: { cookie },
    requests: [{ setupRequest: (req) => ({ ...req, path: `${new URL(url).pathname}${ids[i++ % ids.length]}` }) }],
  })
  return { requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p95: result.latency.p97_5 !== undefined ? percentileOf(result, 95) : result.latency.p99, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

/** autocannon reports fixed percentiles; p95 is interpolated between p90 and p97.5. */
function percentileOf(result: autocannon.Result, _p: 95) {
  const { p90, p97_5 } = result.latency as unknown as { p90: number; p97_5: number }
  return +(p90 + ((95 - 90) / (97.5 - 90)) * (p97_5 - p90)).toFixed(2)
}

/** A person to sign in as: `admin` with the demo password, in the bench's root unit. */
async function benchSession(url: string): Promise<string> {
  const { createDb } = await import('../server/core/db/index.ts')
  const { hashPassword, signIn } = await import('../server/auth/index.ts')
  const db = createDb(url, 2)
  if (!(await db.person.findUnique({ where: { account: 'admin' } }))) {
    const unit = await db.unit.findFirstOrThrow({ where: { parentId: null } })
    await db.person.create({
      data: { account: 'admin', name: '基准管理员', namePinyin: 'jizhunguanliyuan', nameInitials: 'jzgly', passwordHash: await hashPassword('Xietong@2026'), passwordChangedAt: new Date(), posts: { create: { unitId: unit.id, title: '管理员', isPrimary: true } } },
    })
  }
  const { session } = await signIn(db, { login: 'admin', password: 'Xietong@2026' }, { requestId: 'bench', ip: '127.0.0.2', userAgent: 'bench' })
  await db.$disconnect()
  return `xt_session=${session.token}`
}

async function signInCookie(baseUrl: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: baseUrl }, body: JSON.stringify({ login: 'admin', password: 'Xietong@2026' }) })
  if (!r.ok) throw new Error(`sign-in failed: ${await r.text()}`)
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
}

const database = await benchDatabase()
const results: Record<string, unknown> = { date: new Date().toISOString(), people: PEOPLE, node: process.version }
try {
  console.log(`Loading ${PEOPLE} people…`)
  const started = Date.now()
  const people = await seedPeople(database.url, PEOPLE)
  console.log(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  console.log('Directory search (1,000 queries, sequential)…')
  results.directorySearch = await benchDirectorySearch(database.url, people)
  console.table((results.directorySearch as { byKind: Record<string, unknown> }).byKind)
  console.log('  all:', (results.directorySearch as { all: unknown }).all)

  const cookie = await benchSession(database.url)
  const ids = people.slice(0, 5000).map((p) => p.id)

  console.log(`Read-by-id, Prisma vs pg (autocannon, 10 connections, ${DURATION} s each)…`)
  const port = 3411
  const server = await startChild(['bench/servers/read-by-id.ts'], { DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'silent', NODE_ENV: 'production' }, `http://127.0.0.1:${port}/pg/x`)
  try {
    await load(`http://127.0.0.1:${port}/prisma/`, cookie, ids) // warm-up round, discarded
    results.readByIdPg = await load(`http://127.0.0.1:${port}/pg/`, cookie, ids)
    results.readByIdPrisma = await load(`http://127.0.0.1:${port}/prisma/`, cookie, ids)
    results.readByIdPg2 = await load(`http://127.0.0.1:${port}/pg/`, cookie, ids)
    console.log('Inbox: first page for a person with 50,000 items (500 calls each)…')
    const { createDb } = await import('../server/core/db/index.ts')
    const adminDb = createDb(database.url, 1)
    const admin = await adminDb.person.findUniqueOrThrow({ where: { account: 'admin' } })
    await adminDb.$disconnect()
    results.inboxPage = await benchInboxPage(database.url, admin.id)
    console.table(results.inboxPage)
    console.log('Urgent notice to ~10,000 recipients while 10 clients read…')
    results.noticeFanOut = await benchNoticeFanOut(database.url, admin, `http://127.0.0.1:${port}/prisma/`, cookie, ids)
    console.log(results.noticeFanOut)
  } finally {
    server.kill('SIGTERM')
  }
  console.table({ pg: results.readByIdPg, prisma: results.readByIdPrisma, 'pg (again)': results.readByIdPg2 })


  if (existsSync(path.join(root, '.next/BUILD_ID'))) {
    console.log('The real route GET /api/directory/people/:id (production build)…')
    const appPort = 3412
    const app = await startChild(['scripts/platform.ts', 'start'], { DATABASE_URL: database.url, PORT: String(appPort), LOG_LEVEL: 'warn', SEED_DEMO: '0', RUN_REALTIME: '0', RATE_LIMIT: 'false' }, `http://127.0.0.1:${appPort}/api/health`)
    try {
      const appCookie = await signInCookie(`http://localhost:${appPort}`)
      await load(`http://127.0.0.1:${appPort}/api/directory/people/`, appCookie, ids)
      results.nextRoute = await load(`http://127.0.0.1:${appPort}/api/directory/people/`, appCookie, ids)
      // Next.js's own ceiling on this machine: a route that does one trivial query.
      results.nextHealth = await load(`http://127.0.0.1:${appPort}/api/health`, '', [''])
      console.table({ 'next route': results.nextRoute, 'next /api/health (baseline)': results.nextHealth })
    } finally {
      app.kill('SIGTERM')
    }
  } else {
    console.log('Skipping the Next.js route: run `npm run build` first.')
  }
} finally {
  await database.stop()
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 2))
console.log('Written to bench/results/latest.json')
process.exit(0)
