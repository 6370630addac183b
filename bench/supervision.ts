/**
 * Supervision (issue 16): `npm run bench:supervision`. Figures are printed and written to
 * bench/results/supervision-latest.json.
 *
 * Loads, in bulk with SQL, BENCH_ITEMS [100,000] items across 500 units (one lead unit each, accepted,
 * an owner per unit), BENCH_REPORTS [1,000,000] progress reports, 10,000 indicators, and exactly
 * BENCH_OVERDUE [10,000] overdue items in progress. Then measures, as the app calls them:
 *   - the dashboard's aggregates for the supervision office (goal p95 ≤ 200 ms),
 *   - "my items" for an owner (goal p95 ≤ 20 ms),
 *   - the ranking of 500 units over a year (goal ≤ 1 s),
 *   - the urging sweep over the overdue items (goal ≤ 10 s, each urged exactly once; a second and a
 *     concurrent sweep add nothing).
 * DATABASE_URL: use that PostgreSQL server (a database bench_supervision_<pid> is made and dropped);
 * else an embedded one on BENCH_SUPERVISION_PG_PORT [54535]. BENCH_KEEP=1 keeps the database (its URL is
 * printed) to look at plans with EXPLAIN ANALYZE afterwards; drop it by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { PrismaPg } from '@prisma/adapter-pg'
import { freshBenchDatabase } from './database.ts'
import { percentile } from './directory-search.ts'
import { PrismaClient } from '../server/core/db/generated/client.ts'
import type { Db } from '../server/core/db/index.ts'
import type { Actor } from '../server/core/authz/index.ts'
import { clock, shanghaiDate } from '../server/core/clock.ts'
import { computeRanking, dashboardData, listItems, sweepUrges } from '../server/supervision/index.ts'

const root = path.resolve(import.meta.dirname, '..')
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000)
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000)
const OVERDUE = Number(process.env.BENCH_OVERDUE ?? 10_000)
const UNITS = 500
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30)

const summarize = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: +percentile(s, 50).toFixed(1), p95: +percentile(s, 95).toFixed(1), max: +s.at(-1)!.toFixed(1) }
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now()
  const value = await fn()
  return [performance.now() - t, value]
}

async function seed(db: Db) {
  const t = performance.now()
  // Units: a root, the office, 500 departments, each with an owner who heads it.
  await db.$executeRawUnsafe(`
    INSERT INTO "Unit" (id, name, "shortName", kind, path, depth, "updatedAt") VALUES ('00000000-0000-7000-8000-000000000001', '基准市', '基准市', 'CITY', '/00000000-0000-7000-8000-000000000001/', 0, now());
    INSERT INTO "Unit" (id, "parentId", name, "shortName", kind, path, depth, "updatedAt") VALUES ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', '督查室', '督查室', 'DEPARTMENT', '/00000000-0000-7000-8000-000000000001/00000000-0000-7000-8000-000000000002/', 1, now());
    INSERT INTO "Unit" (id, "parentId", name, "shortName", kind, path, depth, "updatedAt")
      SELECT u, '00000000-0000-7000-8000-000000000001', '单位' || n, '单位' || n, 'DEPARTMENT', '/00000000-0000-7000-8000-000000000001/' || u || '/', 1, now()
        FROM (SELECT n, ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid AS u FROM generate_series(1, ${UNITS}) n) x;
    INSERT INTO "Person" (id, account, name, "namePinyin", "nameInitials", "updatedAt")
      SELECT ('00000000-0000-7000-a000-' || lpad(n::text, 12, '0'))::uuid, 'owner' || n, '责任人' || n, 'zrr' || n, 'zrr', now() FROM generate_series(0, ${UNITS}) n;
    INSERT INTO "Post" (id, "personId", "unitId", title, "leaderRank", "isPrimary")
      SELECT gen_random_uuid(), ('00000000-0000-7000-a000-' || lpad(n::text, 12, '0'))::uuid, ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid, '局长', 'PRINCIPAL', true FROM generate_series(1, ${UNITS}) n;
  `)
  const now = clock.now()
  // Items: deadlines over a year around now; OVERDUE of them in progress and past the deadline, the
  // rest either completed (half of those past the deadline) or still ahead.
  await db.$executeRaw`
    INSERT INTO "SupervisionItem" (id, path, "officeUnitId", "createdById", source, title, deadline, status, progress, "completedAt", "nextReportDueAt", "createdAt", "updatedAt", "cycleDates")
    SELECT id, '/' || id || '/', '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-a000-000000000000',
           (ARRAY['ASSIGNED_FROM_ABOVE','LEADER_INSTRUCTION','MEETING_DECISION','KEY_WORK','DEPUTY_SUGGESTION','COMMITTEE_PROPOSAL','MANUAL'])[1 + n % 7]::"SupervisionSource",
           '督办事项 ' || n, deadline,
           CASE WHEN n <= ${OVERDUE} THEN 'IN_PROGRESS' WHEN deadline < ${now} THEN 'COMPLETED' ELSE 'IN_PROGRESS' END::"SupervisionStatus",
           (n * 7) % 100,
           CASE WHEN n > ${OVERDUE} AND deadline < ${now} THEN deadline - (n % 3 - 1) * interval '2 days' END,
           CASE WHEN n % 5 = 0 THEN ${now}::timestamptz + ((n % 20) - 5) * interval '1 day' END,
           ${now}::timestamptz - interval '400 days', now(), '{}'
      FROM (SELECT n, gen_random_uuid() AS id,
                   CASE WHEN n <= ${OVERDUE} THEN ${now}::timestamptz - (1 + n % 30) * interval '1 day'
                        ELSE ${now}::timestamptz + ((n * 7919) % 360 - 180) * interval '1 day' + interval '1 hour' END AS deadline
              FROM generate_series(1, ${ITEMS}) n) x`
  await db.$executeRaw`
    INSERT INTO "SupervisionAssignment" (id, "itemId", "unitId", role, status, "ownerId", "acceptedAt")
    SELECT gen_random_uuid(), i.id, ('00000000-0000-7000-9000-' || lpad((1 + (row_number() OVER (ORDER BY i.id)) % ${UNITS})::text, 12, '0'))::uuid, 'LEAD', 'ACCEPTED', NULL, i."createdAt" FROM "SupervisionItem" i`
  await db.$executeRaw`
    UPDATE "SupervisionAssignment" a SET "ownerId" = p."personId" FROM "Post" p WHERE p."unitId" = a."unitId"`
  await db.$executeRaw`
    UPDATE "SupervisionItem" i SET "leadUnitId" = a."unitId" FROM "SupervisionAssignment" a WHERE a."itemId" = i.id AND a.role = 'LEAD'`
  await db.$executeRaw`
    INSERT INTO "SupervisionIndicator" (id, "itemId", name, target, current)
    SELECT gen_random_uuid(), id, '指标', 100, (random() * 100)::int FROM "SupervisionItem" ORDER BY id LIMIT 10000`
  await db.$executeRaw`
    WITH items AS (SELECT i.id, a."unitId", a."ownerId", row_number() OVER (ORDER BY i.id) AS k FROM "SupervisionItem" i JOIN "SupervisionAssignment" a ON a."itemId" = i.id)
    INSERT INTO "SupervisionReport" (id, "itemId", "authorId", "unitId", "officeUnitId", text, percent, late, "createdAt")
    SELECT gen_random_uuid(), it.id, it."ownerId", it."unitId", '00000000-0000-7000-8000-000000000002', '本周进展', (r * 13) % 100, r % 10 = 0, ${now}::timestamptz - (r % 365) * interval '1 day'
      FROM generate_series(1, ${REPORTS}) r JOIN items it ON it.k = 1 + r % ${ITEMS}`
  // VACUUM as autovacuum would after a bulk insert (PostgreSQL 13+ vacuums insert-only tables too): the
  // visibility map lets the dashboard's and the ranking's covering indexes answer index-only.
  await db.$executeRawUnsafe('VACUUM ANALYZE')
  return performance.now() - t
}

async function main() {
  const started = performance.now()
  const database = await freshBenchDatabase({ name: 'supervision', dataDir: 'bench-supervision-postgres', port: Number(process.env.BENCH_SUPERVISION_PG_PORT ?? 54535) })
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 10 }), transactionOptions: { maxWait: 60_000, timeout: 120_000 } }) as unknown as Db
  try {
    const seedMs = await seed(db)
    console.log(`seeded ${ITEMS} items, ${REPORTS} reports in ${(seedMs / 1000).toFixed(1)} s`)
    const officer: Actor = { personId: '00000000-0000-7000-a000-000000000000', name: '督查员', account: 'owner0', sessionId: 'bench', grants: [{ permissions: ['supervision.manage'], scopePath: '/00000000-0000-7000-8000-000000000001/00000000-0000-7000-8000-000000000002/', includesSubunits: true }] }
    const owner: Actor = { personId: '00000000-0000-7000-a000-000000000007', name: '责任人7', account: 'owner7', sessionId: 'bench', grants: [] }

    const dashboard: number[] = []
    for (let i = 0; i < ROUNDS; i++) dashboard.push((await timed(() => dashboardData(db, officer)))[0])
    const mine: number[] = []
    let mineCount = 0
    for (let i = 0; i < ROUNDS * 3; i++) {
      const [ms, rows] = await timed(() => listItems(db, owner, { view: 'mine' }))
      mine.push(ms)
      mineCount = rows.length
    }
    const today = shanghaiDate(clock.now())
    const yearAgo = shanghaiDate(new Date(clock.now().getTime() - 364 * 86_400_000))
    const ranking: number[] = []
    let rankedUnits = 0
    for (let i = 0; i < 5; i++) {
      const [ms, rows] = await timed(() => computeRanking(db, officer, { from: yearAgo, to: today }))
      ranking.push(ms)
      rankedUnits = rows.length
    }
    const [sweepMs, sweep] = await timed(() => sweepUrges(db))
    const [againMs, again] = await timed(() => Promise.all([sweepUrges(db), sweepUrges(db)]))
    const urges = await db.supervisionUrge.count()
    const distinct = (await db.$queryRaw<{ n: number }[]>`SELECT COUNT(DISTINCT "itemId")::int AS n FROM "SupervisionUrge"`)[0]!.n
    const result = {
      at: new Date().toISOString(), loadavg: loadavg().map((x) => +x.toFixed(2)),
      items: ITEMS, reports: REPORTS, units: UNITS, overdue: OVERDUE, seedSeconds: +(seedMs / 1000).toFixed(1),
      dashboardMs: summarize(dashboard), myItemsMs: { ...summarize(mine), rows: mineCount }, rankingYearMs: { ...summarize(ranking), units: rankedUnits },
      sweep: { ms: +sweepMs.toFixed(0), urged: sweep.urged, again: again.map((a) => a.urged), againMs: +againMs.toFixed(0), urgeRows: urges, itemsUrged: distinct, exactlyOnce: urges === OVERDUE && distinct === OVERDUE },
      totalSeconds: +((performance.now() - started) / 1000).toFixed(1),
    }
    console.log(JSON.stringify(result, null, 2))
    mkdirSync(path.join(root, 'bench/results'), { recursive: true })
    writeFileSync(path.join(root, 'bench/results/supervision-latest.json'), `${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await db.$disconnect()
    if (process.env.BENCH_KEEP === '1') console.log(`kept ${database.url}`)
    else await database.stop()
  }
}

await main()
