/**
 * Co-editing benchmarks: `npm run bench:realtime -- [options]`. Figures are printed and written to
 * bench/results/realtime-latest.json.
 *
 *   1. Load: editors typing on many small documents (3 each) and one crowded one, against our server
 *      (realtime/, storing every update in PostgreSQL before forwarding it) and two reference servers
 *      (@y/websocket-server 0.1.1 and Hocuspocus 4.7, both in memory), each in its own process, one
 *      after the other, driven by the same load process (bench/realtime/load.ts). Fan-out latency
 *      (an edit sent by one editor → its arrival at each other editor of the document), server CPU
 *      and peak RSS. Goal: our p99 ≤ 50 ms and ≤ 1.2 × the better reference's. A fourth server,
 *      `y-websocket-stored`, is the reference with one change, each update stored in PostgreSQL (our
 *      group commit) before it is applied: what the durability rule costs apart from our own code.
 *   2. A long document (thousands of small edits, about 160 KB as merged updates, about 90 KB as
 *      compaction stores it) opened cold by the stock WebsocketProvider: time to `synced`. Goal ≤ 100 ms.
 *
 * Options (defaults in brackets):
 *   --seconds N     typing time per server [60]      --rate N        edits/s per editor [2]
 *   --docs N        small documents [100]            --per-doc N     editors per small document [3]
 *   --crowd N       editors on the crowded document [50]
 *   --cursors       also send a cursor (awareness) update with every edit
 *   --servers LIST  [ours,y-websocket,hocuspocus,y-websocket-stored]
 *   --drain N       seconds to wait for stragglers [5]
 *   --rounds N      run the servers in turn N times; the summary compares median p99s [1]
 *                   (one run's p99 moves by ±50 % on 2 cores: the load process shares them)
 *   --long-runs N   cold loads of the long document [20]   --long-kb N  its size merged [160]
 *   --skip-load, --skip-long
 * BENCH_SERVER_NODE_ARGS: Node options for the server processes (profiling: `--cpu-prof --cpu-prof-dir=DIR`).
 * DATABASE_URL: use that PostgreSQL server (a database bench_realtime_<pid> is made and dropped);
 * else an embedded one on BENCH_REALTIME_PG_PORT [54531], data in .data/bench-realtime-postgres.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { realtimeBenchDatabase, type BenchDatabase } from './database.ts'
import { cpuBetween, cpuByPid, cpuSeconds, memoryMb } from './proc.ts'
import type { LoadConfig, ServerKind } from './load.ts'

const root = path.resolve(import.meta.dirname, '../..')
const { values: opt } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '2' },
    docs: { type: 'string', default: '100' },
    'per-doc': { type: 'string', default: '3' },
    crowd: { type: 'string', default: '50' },
    cursors: { type: 'boolean', default: false },
    servers: { type: 'string', default: 'ours,y-websocket,hocuspocus,y-websocket-stored' },
    rounds: { type: 'string', default: '1' },
    drain: { type: 'string', default: '5' },
    'long-runs': { type: 'string', default: '20' },
    'long-kb': { type: 'string', default: '160' },
    'skip-load': { type: 'boolean', default: false },
    'skip-long': { type: 'boolean', default: false },
  },
})
const servers = opt.servers.split(',').map((s) => s.trim()) as ServerKind[]
/** The servers that store updates in PostgreSQL (they need the database, and its CPU is theirs). */
const storing = (kind: ServerKind) => kind === 'ours' || kind === 'y-websocket-stored'
const SECRET = randomBytes(32).toString('base64url')
const LABEL: Record<ServerKind, string> = {
  ours: 'ours (realtime/, PostgreSQL)',
  'y-websocket': '@y/websocket-server 0.1.1',
  hocuspocus: 'Hocuspocus 4.7',
  'y-websocket-stored': '@y/websocket-server + store first',
}
for (const s of servers) if (!(s in LABEL)) throw new Error(`unknown server ${s}`)

/** Starts a server in its own process and waits for its `ready <port>` line. */
function startServer(kind: ServerKind, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_SERVER_NODE_ARGS: extra Node options for the servers (e.g. `--cpu-prof --cpu-prof-dir=prof`).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(import.meta.dirname, `server-${kind}.ts`)], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', REALTIME_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let shown = 0
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start`)), 60_000)
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^ready (\d+)$/.exec(line)
      if (ready) {
        clearTimeout(timer)
        resolve({ child, port: Number(ready[1]) })
      } else if (shown++ < 20) {
        console.log(`  [${kind}] ${line.slice(0, 300)}`)
      }
    })
  })
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  child.removeAllListeners('exit')
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

type LoadResult = {
  editors: number; documents: number; connectSeconds: number; windowSeconds: number; drainSeconds: number
  editsSent: number; deliveries: number; missing: number; unmatched: number
  latency: { count: number; p50: number | null; p95: number | null; p99: number | null; max: number | null }
  byGroup: Record<string, LoadResult['latency']>
  closes: Record<string, number>; converged: string; stockClientSees: string; loadCpuSeconds: number; loadLoopDelayP99Ms: number; loadLoopDelayMaxMs: number
  errors: string[]
}

/** One load run against a started server; the server's CPU is read at the window's edges. */
function runLoad(kind: ServerKind, port: number, serverPid: number, database: BenchDatabase | undefined, personIds: string[], round: number) {
  const docs: LoadConfig['docs'] = []
  for (let i = 0; i < Number(opt.docs); i++) docs.push({ name: `${kind}-r${round}-small-${i}`, editors: Number(opt['per-doc']), group: 'small' })
  if (Number(opt.crowd) > 0) docs.push({ name: `${kind}-r${round}-crowd`, editors: Number(opt.crowd), group: 'crowd' })
  const config: LoadConfig = { kind, port, docs, seconds: Number(opt.seconds), rate: Number(opt.rate), cursors: opt.cursors, drainSeconds: Number(opt.drain), personIds }
  const loadArgs = process.env.BENCH_LOAD_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...loadArgs, '--import', 'tsx', path.join(import.meta.dirname, 'load.ts')], {
    cwd: root,
    env: { ...process.env, BENCH_LOAD: JSON.stringify(config), REALTIME_SECRET: SECRET, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const pgProcesses = () => (storing(kind) && database ? database.processes() : [])
  let cpu0 = 0
  let pg0 = new Map<number, number>()
  let serverCpu = 0
  let pgCpu = 0
  return new Promise<LoadResult & { serverCpuSeconds: number; postgresCpuSeconds: number | null }>((resolve, reject) => {
    let result: LoadResult | undefined
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'phase edit-start') {
        cpu0 = cpuSeconds(serverPid) ?? 0
        pg0 = cpuByPid(pgProcesses())
      } else if (line === 'phase edit-end') {
        serverCpu = (cpuSeconds(serverPid) ?? 0) - cpu0
        pgCpu = cpuBetween(pg0, cpuByPid(pgProcesses()))
      } else if (line.startsWith('result ')) {
        result = JSON.parse(line.slice('result '.length)) as LoadResult
      } else {
        console.log(`  [load] ${line}`)
      }
    })
    child.on('exit', (code) => {
      if (!result) return reject(new Error(`the load process exited with ${code}`))
      resolve({ ...result, serverCpuSeconds: +serverCpu.toFixed(1), postgresCpuSeconds: storing(kind) && database && database.processes().length ? +pgCpu.toFixed(1) : null })
    })
  })
}

/** Rows stored for the documents whose names start with `prefix`. */
async function storedRows(url: string, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const r = await client.query(`SELECT count(*)::int AS n FROM "RealtimeUpdate" WHERE starts_with("docName", $1)`, [prefix])
    return r.rows[0].n as number
  } finally {
    await client.end()
  }
}

async function createPeople(url: string, n: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const r = await client.query(
    `INSERT INTO "Person"(id, account, name, "namePinyin", "nameInitials", "updatedAt")
     SELECT gen_random_uuid(), 'rtbench' || i, '编辑' || i, 'bianji' || i, 'bj', now() FROM generate_series(1, $1::int) AS i RETURNING id`,
    [n],
  )
  // Tickets carry a session (the server serves them while it lasts): one per person, named after it.
  await client.query(
    `INSERT INTO "Session"(id, "personId", "csrfToken", "lastSeenAt", "expiresAt")
     SELECT 'bench-' || id, id, 'x', now(), now() + interval '1 day' FROM unnest($1::uuid[]) AS id`,
    [r.rows.map((row) => row.id as string)],
  )
  await client.end()
  return r.rows.map((row) => row.id as string)
}

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, options: opt }
const needDatabase = (!opt['skip-load'] && servers.some(storing)) || !opt['skip-long']
let database: BenchDatabase | undefined
try {
  if (needDatabase) {
    console.log('Preparing a fresh database (migrations)…')
    database = await realtimeBenchDatabase()
  }
  const editors = Number(opt.docs) * Number(opt['per-doc']) + Number(opt.crowd)
  const personIds = database ? await createPeople(database.url, editors) : []

  if (!opt['skip-load']) {
    const rows: Record<string, Record<string, unknown>> = {}
    const load: Record<string, unknown> = {}
    const rounds = Number(opt.rounds)
    const byRound = new Map<ServerKind, (LoadResult & { serverPeakRssMb: number | null })[]>(servers.map((k) => [k, []]))
    for (let round = 1; round <= rounds; round++) for (const kind of servers) {
      const label = rounds > 1 ? `${LABEL[kind]} #${round}` : LABEL[kind]
      console.log(`Load on ${label}: ${opt.docs} documents × ${opt['per-doc']} editors + ${opt.crowd} on one, ${opt.rate} edits/s each, ${opt.seconds} s…`)
      const { child, port } = await startServer(kind, database ? { DATABASE_URL: database.url } : {})
      try {
        const r = await runLoad(kind, port, child.pid!, database, personIds, round)
        const memory = memoryMb(child.pid!)
        byRound.get(kind)!.push({ ...r, serverPeakRssMb: memory ? +memory.peak.toFixed(0) : null })
        if (r.errors.length) console.log(`  errors: ${r.errors.join('; ')}`)
        if (kind === 'y-websocket-stored' && database) console.log(`  stored: ${await storedRows(database.url, `${kind}-r${round}-`)} rows for ${r.editsSent} edits (and each editor's first sync)`)
        if (Object.keys(r.closes).length) console.log('  sockets closed by the server (reopened):', r.closes)
        if (r.loadLoopDelayP99Ms > 20) console.log(`  note: the load process's event loop lagged (p99 ${r.loadLoopDelayP99Ms} ms): latencies include that delay; is the machine busy?`)
        if (r.missing > 0) console.log(`  note: ${r.missing} deliveries had not arrived ${opt.drain} s after typing stopped`)
        rows[label] = {
          'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, 'max ms': r.latency.max, deliveries: r.deliveries, missing: r.missing,
          'p99 small': r.byGroup.small?.p99 ?? null, 'p99 crowd': r.byGroup.crowd?.p99 ?? null,
          'CPU s': r.serverCpuSeconds, 'CPU %': Math.round((100 * r.serverCpuSeconds) / r.windowSeconds),
          'PG CPU s': r.postgresCpuSeconds, 'peak RSS MB': memory ? +memory.peak.toFixed(0) : null,
          reopened: Object.values(r.closes).reduce((a, b) => a + b, 0), 'load CPU s': r.loadCpuSeconds, 'load lag p99': r.loadLoopDelayP99Ms, converged: r.converged, 'stock client': r.stockClientSees,
        }
      } finally {
        await stopServer(child)
      }
    }
    console.table(rows)
    // Each server's figures are those of its round with the median p99.
    for (const [kind, runs] of byRound) {
      const sorted = [...runs].sort((a, b) => (a.latency.p99 ?? Infinity) - (b.latency.p99 ?? Infinity))
      load[kind] = { ...sorted[Math.floor((sorted.length - 1) / 2)]!, p99ByRound: runs.map((r) => r.latency.p99) }
    }
    if (rounds > 1) console.log('p99 by round:', Object.fromEntries([...byRound].map(([k, runs]) => [LABEL[k], runs.map((r) => r.latency.p99)])))
    const p99 = (k: ServerKind) => (load[k] as LoadResult | undefined)?.latency.p99 ?? null
    const refs = (['y-websocket', 'hocuspocus'] as const).map(p99).filter((x): x is number => x !== null)
    const ours = p99('ours')
    if (ours !== null && refs.length) {
      const better = Math.min(...refs)
      const ratio = +(ours / better).toFixed(2)
      load.p99RatioOursToBetterReference = ratio
      const missing = (load.ours as LoadResult).missing
      const met = (ok: boolean) => (ok && missing === 0 ? 'met' : 'NOT met')
      console.log(`p99 ${rounds > 1 ? '(median of rounds) ' : ''}ours / better reference: ${ours} / ${better} ms = ${ratio}×   goal: ≤ 50 ms ${met(ours <= 50)}, ≤ 1.2× ${met(ratio <= 1.2)}`)
      if (missing) console.log(`  (${missing} of our deliveries never arrived, so our p99 understates)`)
      const floor = p99('y-websocket-stored')
      if (floor !== null) {
        load.p99RatioStoredReferenceToBetterReference = +(floor / better).toFixed(2)
        console.log(`what storing first costs the reference alone: ${floor} / ${better} ms = ${(floor / better).toFixed(2)}×; ours / that: ${(ours / floor).toFixed(2)}×`)
      }
    }
    results.load = load
  }

  if (!opt['skip-long'] && database) {
    const { buildHistory, storeHistory, copyDocument, measureLoads } = await import('./long-document.ts')
    const { signTicket } = await import('../../server/realtime-tickets/index.ts')
    console.log(`Long document: building a history of about ${opt['long-kb']} KB…`)
    const started = Date.now()
    const history = buildHistory(Number(opt['long-kb']) * 1024)
    const stored = await storeHistory(database.url, 'long-source', history, personIds.slice(0, 3))
    const runs = Number(opt['long-runs'])
    const names = ['long-warmup', ...Array.from({ length: runs }, (_, i) => `long-${i}`)]
    await copyDocument(database.url, 'long-source', names)
    const built = { updates: history.updates.length, characters: history.text.length, stateBytes: history.stateBytes, ...stored, seconds: +((Date.now() - started) / 1000).toFixed(1) }
    console.log('  stored:', built)
    const { child, port } = await startServer('ours', { DATABASE_URL: database.url })
    try {
      const ticketFor = (doc: string) => signTicket(Buffer.from(SECRET), { doc, personId: personIds[0]!, sessionId: `bench-${personIds[0]!}`, name: '编辑', right: 'edit' })
      await measureLoads(port, names.slice(0, 1), ticketFor, history.text) // first open: JIT and pool warm-up, not counted
      const loads = await measureLoads(port, names.slice(1), ticketFor, history.text)
      results.longDocument = { ...built, ...loads }
      console.table({ 'cold (from PostgreSQL)': loads.cold, 'warm (room open)': loads.warm })
      console.log(`Cold load median ${loads.cold.p50} ms, p95 ${loads.cold.p95} ms   goal ≤ 100 ms: ${(loads.cold.p95 ?? Infinity) <= 100 ? 'met' : 'NOT met'}`)
    } finally {
      await stopServer(child)
    }
  }
} finally {
  await database?.stop()
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(path.join(root, 'bench/results/realtime-latest.json'), JSON.stringify(results, null, 2))
console.log('Written to bench/results/realtime-latest.json')
process.exit(0)
