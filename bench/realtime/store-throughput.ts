/**
 * How fast updates are stored: `npx tsx bench/realtime/store-throughput.ts [options]`.
 *
 * Callers stand for connections: each stores its updates one after the other (a connection handles
 * its messages in order), all callers at once, on several documents. Measured in the same run:
 *   - one row per update (`appendUpdate`: one INSERT and one commit each), the reference;
 *   - `Persistence.store` (group commit: what arrives while a batch is written goes in the next one).
 * Prints updates/s, the time each store took (p50/p99) and, for group commit, the batches written.
 *
 * Options: --callers N [350]   --updates N per caller [20]   --docs N [100]   --bytes N per update [40]
 *          --pool N database connections [10, as DATABASE_POOL_SIZE's default]
 * DATABASE_URL: use that PostgreSQL server (a database bench_realtime_<pid> is made and dropped);
 * else the bench's embedded one (bench/realtime/database.ts).
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { realtimeBenchDatabase } from './database.ts'
import { summarize } from './stats.ts'

const { values: opt } = parseArgs({
  options: {
    callers: { type: 'string', default: '350' },
    updates: { type: 'string', default: '20' },
    docs: { type: 'string', default: '100' },
    bytes: { type: 'string', default: '40' },
    pool: { type: 'string', default: '10' },
  },
})
const callers = Number(opt.callers)
const perCaller = Number(opt.updates)
const docs = Number(opt.docs)

type Store = (docName: string, update: Uint8Array, personId: string | null) => Promise<void>

async function measure(label: string, store: Store) {
  const latencies: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      const docName = `${label}-${caller % docs}`
      for (let i = 0; i < perCaller; i++) {
        const t0 = performance.now()
        await store(docName, randomBytes(Number(opt.bytes)), null)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const { p50, p99, max } = summarize(latencies)
  return { 'updates/s': Math.round(latencies.length / seconds), seconds: +seconds.toFixed(2), 'p50 ms': p50, 'p99 ms': p99, 'max ms': max }
}

const database = await realtimeBenchDatabase()
try {
  process.env.DATABASE_URL = database.url
  const { createDb } = await import('../../server/core/db/index.ts')
  const { appendUpdate } = await import('../../server/coediting/index.ts')
  const { Persistence } = await import('../../realtime/persistence.ts')
  const db = createDb(database.url, Number(opt.pool))
  await db.$queryRaw`SELECT 1` // connect before the clock starts
  console.log(`${callers} callers × ${perCaller} updates of ${opt.bytes} bytes on ${docs} documents, ${opt.pool} database connections`)
  const rows: Record<string, unknown> = {}
  rows['one row per update (reference)'] = await measure('single', async (docName, update, personId) => {
    await appendUpdate(db, { docName, update, personId })
  })
  const persistence = new Persistence(db)
  rows['group commit (Persistence.store)'] = { ...(await measure('group', (d, u, p) => persistence.store(d, u, p))) }
  const { batches, rows: stored, largestBatch } = persistence.storeStats
  Object.assign(rows['group commit (Persistence.store)'] as object, { batches, 'rows/batch': +(stored / batches).toFixed(1), 'largest batch': largestBatch })
  console.table(rows)
  await persistence.close()
  await db.$disconnect()
} finally {
  await database.stop()
}
