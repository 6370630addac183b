/**
 * The whole platform at human pace (issue 14): `npm run bench:load -- [options]`, after `npm run build`.
 * Starts the production server (`scripts/platform.ts start`, so whatever `npm start` runs) on a fresh
 * database with the demo city, grows the city by `--people` people with a session each, then:
 *
 *   1. Cost (`--cost`, on by default): one person at a time, no other load — the platform's CPU
 *      milliseconds, database statements and bytes per request for each page (full load and in-app
 *      navigation) and action, and what one inbox change costs with many badge streams open. These
 *      figures hold on a busy machine (CPU time is the process's own, statements are counted by
 *      pg_stat_statements), where latencies under load do not.
 *   2. Load: for each number of people in `--steps` (or, with `--ceiling`, from `--from` by `--by` until
 *      p95 passes `--goal` ms), each person holds the badge stream open and does one thing every
 *      `--think` seconds on average (pages as full loads and as RSC navigations, the badge count, a
 *      directory search, reading and confirming a notice, approving a 会签 step); the notice sender sends
 *      a notice to everyone every `--notice-every` seconds. Per step: p50/p95/p99 per page/action,
 *      errors, each platform process's CPU and memory, PostgreSQL's CPU, database connections and
 *      statements per request.
 *
 *      Beside each step, co-editing (`--coedit`, on unless `--no-coedit`): other people, each with a
 *      ticket the platform handed out (GET /api/documents/<id>/body-ticket with their session), type into
 *      drafts they co-draft at `--coedit-rate` edits/s each through the platform's own co-editing server
 *      (bench/realtime/load.ts's editors); fan-out p50/p95/p99 per group, convergence, what was lost.
 * Options [defaults]: --steps 100,300 | --ceiling --from 200 --by 200 --to 1400 --goal 100
 *   --coedit 100x3,1x50 (documents x editors)  --coedit-rate 2  --no-coedit
 *   --seconds 60 (measured per step)  --warmup 10  --think 10  --full-share 0.3 (full loads among pages)
 *   --notice-every 30  --approvers 20  --cost-requests 30  --no-cost  --no-load  --port 3350
 * Environment: BENCH_PROFILE=DIR (a CPU profile of the platform's main process over each measured
 * window, through the inspector on port+8; summarise with bench/load/profile-summary.ts), BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=prof`), and anything the platform
 * reads (DATABASE_POOL_SIZE, WEB_PROCESSES, RUN_REALTIME, …) is passed through. DATABASE_URL: use that
 * server (statement counts only if pg_stat_statements is loaded there); else an embedded PostgreSQL on
 * BENCH_LOAD_PG_PORT [3359] with pg_stat_statements, data in .data/bench-load-postgres. Loopback only;
 * the database `bench_load_<pid>` is dropped at the end. Results: bench/results/load-latest.json.
 */
import { randomBytes } from 'node:crypto'
import { spawn, type ChildProcess } from 'node:child_process'
import { setMaxListeners } from 'node:events'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { applyMigrations } from '../../scripts/db/migrate.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../scripts/embedded-postgres.ts'
import { cpuSeconds, memoryMb } from '../realtime/proc.ts'
import { summarize } from '../realtime/stats.ts'
import { growCity, type LoadPerson } from './city.ts'
import { connections as connectionMode, DEFAULT_MIX, holdStream, live, navigate, newRecorder, pageLoad, request, sleep, type Recorder, type Target, type World } from './people.ts'

const root = path.resolve(import.meta.dirname, '../..')
const { values: opt } = parseArgs({
  options: {
    steps: { type: 'string', default: '100,300' },
    ceiling: { type: 'boolean', default: false },
    from: { type: 'string', default: '200' },
    by: { type: 'string', default: '200' },
    to: { type: 'string', default: '1400' },
    goal: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    think: { type: 'string', default: '10' },
    'full-share': { type: 'string', default: '0.3' },
    'notice-every': { type: 'string', default: '30' },
    approvers: { type: 'string', default: '20' },
    'cost-requests': { type: 'string', default: '30' },
    'no-cost': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    port: { type: 'string', default: '3350' },
    coedit: { type: 'string', default: '100x3,1x50' },
    'coedit-rate': { type: 'string', default: '2' },
    'no-coedit': { type: 'boolean', default: false },
  },
})
const num = (k: keyof typeof opt) => Number(opt[k])
const steps = opt.ceiling
  ? Array.from({ length: Math.floor((num('to') - num('from')) / num('by')) + 1 }, (_, i) => num('from') + i * num('by'))
  : opt.steps.split(',').map(Number).filter(Boolean)
/** The co-editing beside the people: `documents x editors` groups (300 people on 100 drafts, 50 on one). */
const coeditGroups = opt['no-coedit'] || opt['no-load'] ? [] : opt.coedit.split(',').filter(Boolean).flatMap((g) => {
  const [docs, editors] = g.split('x').map(Number)
  return Array.from({ length: docs! }, () => editors!)
})
const coeditPeople = coeditGroups.reduce((a, b) => a + b, 0)
const maxPeople = Math.max(...(opt['no-load'] ? [250] : steps), 250) + coeditPeople
const port = num('port')
const target: Target = { host: '127.0.0.1', port, cookieName: 'xt_session' }

if (!existsSync(path.join(root, '.next/BUILD_ID'))) {
  console.error('No production build: run `npm run build` first.')
  process.exit(2)
}

// ── Processes: the platform's tree and PostgreSQL's ──
function childrenOf(pid: number): number[] {
  const out: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(pid)) out.push(Number(name))
    } catch { /* gone */ }
  }
  return out
}
function tree(pid: number): number[] {
  const all = [pid]
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]!))
  return all
}
function label(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
    const script = cmd.find((a) => /\.(ts|js|mjs)$/.test(a) && !a.includes('tsx/dist'))
    const role = cmd.find((a) => a.startsWith('--xietong-role='))?.slice(15)
    return role ?? (script ? path.relative(root, script) : cmd[0] ?? String(pid))
  } catch {
    return String(pid)
  }
}
type CpuReading = Map<number, number>
const readCpu = (pids: number[]): CpuReading => new Map(pids.flatMap((p) => { const s = cpuSeconds(p); return s === null ? [] : [[p, s] as const] }))
const cpuDelta = (a: CpuReading, b: CpuReading) => [...b].reduce((t, [p, s]) => t + s - (a.get(p) ?? 0), 0)

// ── Database ──
let embedded: EmbeddedDatabase | undefined
let postmasterPid: number | undefined
const pgDir = path.join(root, '.data', 'bench-load-postgres')
let adminUrl = process.env.DATABASE_URL
if (!adminUrl) {
  embedded = await startEmbeddedPostgres({ dataDir: pgDir, port: Number(process.env.BENCH_LOAD_PG_PORT ?? 3359), database: 'postgres', log: () => undefined, flags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'max_connections=200'] })
  adminUrl = embedded.adminUrl
  postmasterPid = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0])
}
const dbName = `bench_load_${process.pid}`
const dbUrl = (() => { const u = new URL(adminUrl); u.pathname = `/${dbName}`; return u.toString() })()
{
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
}
await applyMigrations(dbUrl)
const stats = new pg.Client({ connectionString: dbUrl, application_name: 'bench-load-stats' })
await stats.connect()
const hasStatements = await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').then(() => stats.query('SELECT 1 FROM pg_stat_statements LIMIT 1')).then(() => true, () => false)
const dbOid = (await stats.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0]!.oid
async function resetStatements() {
  if (hasStatements) await stats.query('SELECT pg_stat_statements_reset()')
}
/** Statements the platform ran in this database since the last reset (not this connection's own). */
async function statements(): Promise<{ calls: number; top: { calls: number; ms: number; query: string }[] } | null> {
  if (!hasStatements) return null
  const rows = (await stats.query<{ calls: string; ms: number; query: string }>(
    `SELECT calls, total_exec_time AS ms, query FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
      WHERE dbid = $1 AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pg_stat_activity%' ORDER BY calls DESC`, [dbOid])).rows
  return { calls: rows.reduce((t, r) => t + Number(r.calls), 0), top: rows.slice(0, 8).map((r) => ({ calls: Number(r.calls), ms: +r.ms.toFixed(0), query: r.query.replace(/\s+/g, ' ').slice(0, 110) })) }
}
async function connections(): Promise<number> {
  return Number((await stats.query(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name <> 'bench-load-stats'`)).rows[0].count)
}

// ── Profiling the measured window (BENCH_PROFILE=DIR): the platform's main process over the inspector ──
const PROFILE_DIR = process.env.BENCH_PROFILE
/** The scrape token of the platform under test (its /api/metrics is a cost probe). */
const METRICS_TOKEN = randomBytes(16).toString('hex')
const inspectPort = port + 8
async function startProfile(): Promise<(() => Promise<void>) | null> {
  if (!PROFILE_DIR) return null
  const { default: WebSocket } = await import('ws')
  const { webSocketDebuggerUrl } = ((await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[])[0]!
  const ws = new WebSocket(webSocketDebuggerUrl)
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
  let next = 1
  const pending = new Map<number, (v: unknown) => void>()
  ws.on('message', (m) => { const msg = JSON.parse(String(m)); pending.get(msg.id)?.(msg.result); pending.delete(msg.id) })
  const call = (method: string, params = {}) => new Promise<unknown>((r) => { const id = next++; pending.set(id, r); ws.send(JSON.stringify({ id, method, params })) })
  await call('Profiler.enable')
  await call('Profiler.start')
  return async () => {
    const { profile } = (await call('Profiler.stop')) as { profile: unknown }
    mkdirSync(PROFILE_DIR, { recursive: true })
    const file = path.join(PROFILE_DIR, `load-${Date.now()}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    console.log(`CPU profile of the measured window: ${file} (npx tsx bench/load/profile-summary.ts ${file})`)
    ws.close()
  }
}

// ── The platform ──
let server: ChildProcess | undefined
async function startPlatform(): Promise<ChildProcess> {
  const nodeArgs = [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(PROFILE_DIR ? [`--inspect=127.0.0.1:${inspectPort}`] : [])]
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'scripts/platform.ts', 'start'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', REALTIME_PORT: String(port + 1), RATE_LIMIT: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', COOKIE_SECURE: 'false', PUBLIC_URL: `http://127.0.0.1:${port}`, METRICS_TOKEN },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const started = Date.now()
  let exited = false
  child.on('exit', () => (exited = true))
  while (!exited && Date.now() - started < 300_000) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child
    } catch { /* not yet */ }
    await sleep(500)
  }
  throw new Error('the platform did not start')
}

async function stopAll(code: number) {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((r) => { server!.once('exit', r); setTimeout(r, 30_000) })
  }
  await stats.end().catch(() => undefined)
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.end()
  await embedded?.stop()
  process.exit(code)
}
process.on('SIGINT', () => void stopAll(130))

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, options: opt, cores: (await import('node:os')).cpus().length }
try {
  process.env.DATABASE_URL = dbUrl
  console.log('Starting the platform (production build, demo data)…')
  server = await startPlatform()
  const { createDb } = await import('../../server/core/db/index.ts')
  const db = createDb(dbUrl, 4)
  const approvalsPlanned = opt['no-load'] ? 60 : steps.reduce((t, n) => t + (n * (num('seconds') + num('warmup')) / num('think')) * DEFAULT_MIX.approve, 0)
  const documents = Math.min(300, Math.ceil(approvalsPlanned / num('approvers')) + 5)
  console.log(`Growing the city by ${maxPeople} people with sessions, ${documents} documents at 会签 for ${num('approvers')} of them…`)
  const city = await growCity(dbUrl, db, { count: maxPeople, approvers: num('approvers'), documents, coedit: coeditGroups })
  await db.$disconnect()
  const world: World = { city, target, noticeIds: [], confirmed: new Set(), fullShare: num('full-share'), mix: DEFAULT_MIX }
  const first = await sendNotice(world, city.people.slice(0, maxPeople))
  if (!first) throw new Error('could not send the first notice')
  const platformPids = () => tree(server!.pid!)
  console.log(`Platform processes: ${platformPids().map((p) => `${p} ${label(p)}`).join(', ')}`)

  if (!opt['no-cost']) results.cost = await measureCost(world)
  else await warmUp(world)
  if (!opt['no-load']) {
    const loadResults = []
    for (const n of steps) {
      const r = await runStep(world, n)
      loadResults.push(r)
      if (opt.ceiling && r.p95 !== null && r.p95 > num('goal')) {
        console.log(`Ceiling: p95 ${r.p95} ms passed ${num('goal')} ms at ${n} people.`)
        break
      }
    }
    results.load = loadResults
    console.log('\nSummary (pages and actions together):')
    console.table(Object.fromEntries(loadResults.map((r) => [r.people, { 'req/s': r.requestsPerSecond, p50: r.p50, p95: r.p95, p99: r.p99, errors: r.errorCount, 'platform cores': r.platformCores, 'postgres cores': r.postgresCores, 'stmts/req': r.statementsPerRequest }])))
  }
  mkdirSync(path.join(root, 'bench/results'), { recursive: true })
  writeFileSync(path.join(root, 'bench/results/load-latest.json'), JSON.stringify(results, null, 2))
  console.log('Written to bench/results/load-latest.json')
  await stopAll(0)
} catch (error) {
  console.error(error)
  await stopAll(1)
}

async function sendNotice(world: World, to: LoadPerson[]): Promise<boolean> {
  const r = await request(world.target, world.city.sender, 'POST', '/api/notices', {}, {
    title: `负载测试通知 ${world.noticeIds.length + 1}`, body: '请各位同志按时参加负载测试工作会议。', personIds: to.map((p) => p.id), urgency: 'URGENT', repingMinutes: 600, repingMax: 0,
  })
  const id = (/"id":"([0-9a-f-]{36})"/.exec(r.text) ?? [])[1]
  if (id) world.noticeIds.push(id)
  else console.warn(`sending a notice failed: ${r.status} ${r.text.slice(0, 200)}`)
  return Boolean(id)
}

/** CPU seconds of the platform while it is idle, per second (jobs polling, timers), to subtract. */
async function idleRate(pids: number[], show = false): Promise<number> {
  const a = readCpu(pids)
  const t = performance.now()
  await sleep(3000)
  const b = readCpu(pids)
  const seconds = (performance.now() - t) / 1000
  if (show) console.log(`Idle CPU, ms per second: ${pids.map((p) => `${label(p)} ${(((b.get(p) ?? 0) - (a.get(p) ?? 0)) * 1000 / seconds).toFixed(0)}`).join(', ')}`)
  return cpuDelta(a, b) / seconds
}

type Probe = [string, LoadPerson, () => Promise<{ status: number; bytes: number; ms: number }>]

/** Every page (full and RSC) and API the load uses, one request each: the cost table's rows, and the warm-up. */
function probesFor(world: World): Probe[] {
  const person = world.city.people[world.city.people.length - 1]!
  const approver = world.city.people[0]!
  const docId = world.city.approvals.get(approver.id)?.at(-1) ?? world.city.anyDocumentId!
  const noticeId = world.noticeIds[0]!
  const probes: Probe[] = []
  for (const page of ['/', '/inbox', '/documents', '/notices', `/directory?q=${encodeURIComponent('王')}`]) {
    probes.push([`page ${page} (full)`, person, () => pageLoad(world.target, person, page)])
    probes.push([`page ${page} (rsc from /)`, person, () => navigate(world.target, person, page === '/' ? '/inbox' : '/', page)])
  }
  probes.push(['page /notices/[id] (rsc)', person, () => navigate(world.target, person, '/inbox', `/notices/${noticeId}`)])
  probes.push(['page /documents/[id] (full)', approver, () => pageLoad(world.target, approver, `/documents/${docId}`)])
  probes.push(['page /documents/[id] (rsc)', approver, () => navigate(world.target, approver, '/inbox', `/documents/${docId}`)])
  probes.push(['api  /api/inbox/count', person, () => request(world.target, person, 'GET', '/api/inbox/count')])
  probes.push(['api  /api/directory/people?q', person, () => request(world.target, person, 'GET', '/api/directory/people?q=zhang&limit=20')])
  probes.push(['api  /api/health', person, () => request(world.target, person, 'GET', '/api/health')])
  // Issue 21's endpoints: readiness (database + Redis checks) and a Prometheus scrape (all web processes).
  probes.push(['ops  /api/ready', person, () => request(world.target, person, 'GET', '/api/ready')])
  probes.push(['ops  /api/metrics (scrape)', person, () => request(world.target, person, 'GET', '/api/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })])
  return probes
}

/**
 * Without the cost table, the platform is warmed the way it would warm it: a fresh server compiles
 * each route's code on its first request and its caches are empty, and a first step measured within
 * seconds of the start would measure that (p95 of seconds at 500 people, against 140 ms warm).
 */
async function warmUp(world: World) {
  const started = performance.now()
  connectionMode.fresh = true
  for (const [, , run] of probesFor(world)) for (let i = 0; i < 10; i++) await run()
  connectionMode.fresh = false
  console.log(`Warmed up (every page and API 10 times) in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

type CostRow = { 'CPU ms/req': number; 'stmts/req': number | null; 'KB/req': number; 'ms p50': number | null }

/** Per-request cost, one request at a time. */
async function measureCost(world: World) {
  const person = world.city.people[world.city.people.length - 1]!
  const n = num('cost-requests')
  const pids = tree(server!.pid!)
  const rows: Record<string, CostRow> = {}
  const idle = await idleRate(pids, true)
  const probes = probesFor(world)
  console.log(`\nCost per request (${n} requests each, one at a time; CPU is the platform's own, idle rate ${(idle * 1000).toFixed(1)} ms/s subtracted):`)
  for (const [name, who, run] of probes) {
    for (let i = 0; i < 5; i++) await run() // warm-up
    await resetStatements()
    const a = readCpu(pids)
    const t = performance.now()
    const ms: number[] = []
    let bytes = 0
    for (let i = 0; i < n; i++) {
      const r = await run()
      ms.push(r.ms)
      bytes += r.bytes
      if (r.status >= 400 || r.status === 0) console.warn(`  ${name} as ${who.account}: ${r.status}`)
    }
    const seconds = (performance.now() - t) / 1000
    const cpu = Math.max(0, cpuDelta(a, readCpu(pids)) - idle * seconds)
    const st = await statements()
    if (process.env.BENCH_COST_STATEMENTS) console.log(name, st?.top.map((t) => `${(t.calls / n).toFixed(1)}× ${t.query}`))
    rows[name] = { 'CPU ms/req': +((cpu * 1000) / n).toFixed(1), 'stmts/req': st ? +(st.calls / n).toFixed(1) : null, 'KB/req': +(bytes / n / 1024).toFixed(1), 'ms p50': summarize(ms).p50 }
  }
  // What one change costs with many badge streams open: a notice to S people whose streams are open,
  // and a notice to one person whose stream is not (every stream hears every NOTIFY).
  const S = Math.min(200, world.city.people.length - 1)
  const streamers = world.city.people.slice(1, S + 1)
  const recorder = newRecorder()
  const abort = new AbortController()
  setMaxListeners(0, abort.signal)
  for (const p of streamers) holdStream(world.target, p, recorder, abort.signal)
  const until = async (cond: () => boolean, ms = 30_000) => { const t = Date.now(); while (!cond() && Date.now() - t < ms) await sleep(20) }
  await until(() => recorder.streamEvents >= S)
  for (const [name, to, expect] of [[`notice to ${S} people with their streams open`, streamers, S], [`notice to 1 person, ${S} other streams open`, [person], 0]] as const) {
    await sleep(1000)
    const idleNow = await idleRate(pids)
    await resetStatements()
    const before = recorder.streamEvents
    const a = readCpu(pids)
    const t = performance.now()
    await sendNotice(world, [...to])
    await until(() => recorder.streamEvents - before >= expect)
    await sleep(1000)
    const seconds = (performance.now() - t) / 1000
    const cpu = Math.max(0, cpuDelta(a, readCpu(pids)) - idleNow * seconds)
    const st = await statements()
    if (process.env.BENCH_COST_STATEMENTS) console.log(name, st?.top.map((t) => `${t.calls}× ${t.query}`))
    rows[name] = { 'CPU ms/req': +(cpu * 1000).toFixed(1), 'stmts/req': st?.calls ?? null, 'KB/req': 0, 'ms p50': null }
  }
  abort.abort()
  console.table(rows)
  return rows
}

async function runStep(world: World, people: number) {
  const seconds = num('seconds')
  const warmup = num('warmup')
  const think = num('think')
  const crowd = world.city.people.slice(0, people)
  console.log(`\n── ${people} people, ${warmup} s warm-up + ${seconds} s measured, one action every ${think} s each${coeditPeople ? `; ${coeditPeople} more co-editing ${world.city.coedit.length} drafts at ${num('coedit-rate')} edits/s each` : ''} ──`)
  const coediting = coeditPeople ? await startCoedit(world, warmup + seconds) : null
  // The notice people read is the latest one: one to this step's crowd first (the last step's did
  // not reach those new in this one, who would read a 404, correctly).
  if (!process.env.BENCH_NO_STEP_NOTICE && !(await sendNotice(world, crowd))) throw new Error('could not send the step\'s notice')
  const recorder: Recorder = newRecorder()
  const abort = new AbortController()
  setMaxListeners(0, abort.signal)
  for (const p of crowd) holdStream(world.target, p, recorder, abort.signal)
  const end = performance.now() + (warmup + seconds) * 1000
  const lives = crowd.map((p) => live(world, p, recorder, think, end))
  const noticeTimer = setInterval(() => {
    const started = performance.now()
    void sendNotice(world, crowd).then(() => recorder.samples.push({ name: `act  send notice to ${people}`, ms: performance.now() - started, status: 200, bytes: 0 }))
  }, num('notice-every') * 1000)
  await sleep(warmup * 1000)
  // Measure from here: a fresh recorder (the lives hold the old one: swap its contents instead).
  const streamsOpen = recorder.streamsOpen
  recorder.samples.length = 0
  recorder.errors.clear()
  recorder.streamEvents = 0
  await resetStatements()
  const pids = tree(server!.pid!)
  const pgPids = postmasterPid ? tree(postmasterPid) : []
  if (process.env.BENCH_DEBUG) console.log('postgres pids', postmasterPid, pgPids)
  const stopProfile = await startProfile()
  const cpuA = readCpu(pids)
  const pgA = readCpu(pgPids)
  const t = performance.now()
  const memory = new Map<number, number>()
  let maxConnections = 0
  const sampler = setInterval(async () => {
    for (const p of tree(server!.pid!)) memory.set(p, Math.max(memory.get(p) ?? 0, memoryMb(p)?.rss ?? 0))
    maxConnections = Math.max(maxConnections, await connections().catch(() => 0))
  }, 2000)
  await Promise.all(lives)
  clearInterval(sampler)
  clearInterval(noticeTimer)
  const wall = (performance.now() - t) / 1000
  const cpuB = readCpu(tree(server!.pid!))
  const pgB = readCpu(postmasterPid ? tree(postmasterPid) : [])
  const st = await statements()
  await stopProfile?.()
  abort.abort()
  const measured = recorder.samples.filter((s) => !s.name.startsWith('act  send notice') && !s.name.includes('(first count)'))
  const byName = new Map<string, number[]>()
  const bytesByName = new Map<string, number>()
  for (const s of recorder.samples) {
    byName.set(s.name, [...(byName.get(s.name) ?? []), s.ms])
    bytesByName.set(s.name, (bytesByName.get(s.name) ?? 0) + s.bytes)
  }
  const table = Object.fromEntries([...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, xs]) => {
    const s = summarize(xs)
    return [name, { n: s.count, p50: s.p50, p95: s.p95, p99: s.p99, max: s.max, KB: +((bytesByName.get(name) ?? 0) / xs.length / 1024).toFixed(1) }]
  }))
  console.table(table)
  const all = summarize(measured.map((s) => s.ms))
  const processes = Object.fromEntries([...cpuB].map(([p, s]) => [`${p} ${label(p)}`, { cores: +((s - (cpuA.get(p) ?? 0)) / wall).toFixed(2), 'max RSS MB': Math.round(memory.get(p) ?? 0) }]))
  console.table(processes)
  const errors = Object.fromEntries(recorder.errors)
  const errorCount = [...recorder.errors.values()].reduce((a, b) => a + b, 0)
  const platformCores = +(cpuDelta(cpuA, cpuB) / wall).toFixed(2)
  const postgresCores = postmasterPid ? +(cpuDelta(pgA, pgB) / wall).toFixed(2) : null
  const requests = measured.length
  const result = {
    people, requestsPerSecond: +(requests / wall).toFixed(1), p50: all.p50, p95: all.p95, p99: all.p99, errorCount, errors,
    streamsOpen, streamEvents: recorder.streamEvents, platformCores, postgresCores, maxConnections,
    statementsPerRequest: st ? +(st.calls / requests).toFixed(1) : null, topStatements: st?.top, processes, byName: table,
  }
  console.log(`all: ${requests} requests (${result.requestsPerSecond}/s), p50 ${all.p50} ms, p95 ${all.p95} ms, p99 ${all.p99} ms; errors ${errorCount}${errorCount ? ` ${JSON.stringify(errors)}` : ''}`)
  console.log(`streams open ${streamsOpen}, badge events ${recorder.streamEvents}; platform ${platformCores} cores, PostgreSQL ${postgresCores ?? '?'} cores, connections ≤ ${maxConnections}, statements/request ${result.statementsPerRequest ?? '?'}`)
  if (st) console.table(st.top)
  if (coediting) {
    const co = await coediting.done
    Object.assign(result, { coedit: co })
    if (co) console.log(`co-editing: ${co.editors} editors on ${co.documents} drafts, ${co.editsSent} edits; fan-out ${Object.entries(co.byGroup).map(([g, l]) => `${g} p50 ${l.p50} / p95 ${l.p95} / p99 ${l.p99} ms`).join('; ')}; converged ${co.converged}, missing ${co.missing}, closes ${JSON.stringify(co.closes)}${co.errors.length ? `, errors ${co.errors.slice(0, 3).join(' | ')}` : ''}`)
  }
  await sleep(3000)
  return result
}

type CoeditResult = { editors: number; documents: number; editsSent: number; missing: number; converged: string; closes: Record<string, number>; errors: string[]; byGroup: Record<string, ReturnType<typeof summarize>> }

/**
 * Starts the co-editing beside a step and resolves once its editors have connected and begin typing;
 * the promise it gives resolves with bench/realtime/load.ts's result when they stop. Each editor's
 * ticket comes from the platform over HTTP with the editor's own session, as the browser's editor gets it.
 */
async function startCoedit(world: World, seconds: number): Promise<{ done: Promise<CoeditResult | null> }> {
  const urls: string[] = []
  const docs: { name: string; editors: number; group: string }[] = []
  const editors = world.city.coedit.flatMap((g) => g.editors.map((e) => ({ e, documentId: g.documentId })))
  const tickets = new Array<{ doc: string; ticket: string }>(editors.length)
  let next = 0
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < editors.length) {
      const i = next++
      const r = await request(world.target, editors[i]!.e, 'GET', `/api/documents/${editors[i]!.documentId}/body-ticket`)
      if (r.status !== 200) throw new Error(`body-ticket for ${editors[i]!.e.account}: ${r.status} ${r.text.slice(0, 200)}`)
      tickets[i] = JSON.parse(r.text) as { doc: string; ticket: string }
    }
  }))
  let k = 0
  for (const g of world.city.coedit) {
    const name = tickets[k]!.doc
    docs.push({ name, editors: g.editors.length, group: g.editors.length >= 10 ? `1 draft, ${g.editors.length} editors` : `drafts of ${g.editors.length}` })
    for (let i = 0; i < g.editors.length; i++, k++) urls.push(`ws://127.0.0.1:${port + 1}/${name}?ticket=${encodeURIComponent(tickets[k]!.ticket)}`)
  }
  const config = { kind: 'ours', port: port + 1, docs, seconds, rate: num('coedit-rate'), cursors: true, drainSeconds: 10, urls }
  const file = path.join(tmpdir(), `bench-load-coedit-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(config))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/realtime/load.ts')], {
    cwd: root, env: { ...process.env, BENCH_LOAD_FILE: file, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  let result: CoeditResult | null = null
  let buffered = ''
  let typing: () => void = () => undefined
  const started = new Promise<void>((resolve) => (typing = resolve))
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    let nl: number
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl)
      buffered = buffered.slice(nl + 1)
      if (line === 'phase edit-start') typing()
      else if (line.startsWith('result ')) result = JSON.parse(line.slice(7)) as CoeditResult
    }
  })
  const done = new Promise<CoeditResult | null>((resolve) => child.on('exit', () => { rmSync(file, { force: true }); typing(); resolve(result) }))
  await started
  return { done } // wrapped: an async function returning the promise itself would wait for it
}
