/**
 * Platform metrics (issue 21): `npm run bench:metrics`. Figures are printed and written to
 * bench/results/metrics-latest.json, with the load average they were taken under.
 *
 * Seeds the demo city (its 30 days of history included), then grows it, in bulk with SQL, by
 * BENCH_PEOPLE [20,000] people spread over 500 new units under the city, each signing in on ~60 % of the
 * last 30 working days (past sessions), BENCH_MESSAGES [200,000] messages and BENCH_TASKS [50,000]
 * completed document steps over those days. Then measures:
 *   - the aggregation job for one day (yesterday), first run and a re-run (it replaces the day),
 *   - the backfill of all 31 days,
 *   - the dashboard for the whole platform as the system administrator: by month (6 months), by day
 *     (30 days) and by week (12 weeks), BENCH_ROUNDS [20] each, p50/p95.
 * DATABASE_URL: use that PostgreSQL server (a database bench_metrics_<pid> is made and dropped);
 * else an embedded one on BENCH_METRICS_PG_PORT [54537].
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { freshBenchDatabase } from './database.ts'
import { percentile } from './directory-search.ts'
import { createDb } from '../server/core/db/index.ts'
import { addDays, clock, shanghaiDate } from '../server/core/clock.ts'
import { seedDemo } from '../server/platform/index.ts'
import { actorOf } from '../server/auth/index.ts'
import { aggregateDay, metricsDashboard } from '../server/metrics/index.ts'

const root = path.resolve(import.meta.dirname, '..')
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000)
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200_000)
const TASKS = Number(process.env.BENCH_TASKS ?? 50_000)
const UNITS = 500
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)

const summarize = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: +percentile(s, 50).toFixed(1), p95: +percentile(s, 95).toFixed(1), max: +s.at(-1)!.toFixed(1) }
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now()
  const value = await fn()
  return [performance.now() - t, value]
}

const database = await freshBenchDatabase({ name: 'metrics', dataDir: 'bench-postgres', port: Number(process.env.BENCH_METRICS_PG_PORT ?? 54537), log: () => undefined })
const db = createDb(database.url, 4)
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, people: PEOPLE, messages: MESSAGES, tasks: TASKS, units: UNITS, loadBefore: loadavg().map((x) => +x.toFixed(2)) }
try {
  let t = performance.now()
  console.log('Seeding the demo city (with its 30 days of metrics history)…')
  await seedDemo(db)
  results.seedDemoMs = Math.round(performance.now() - t)
  const city = await db.unit.findFirstOrThrow({ where: { parentId: null }, select: { id: true, path: true } })
  const office = await db.unit.findFirstOrThrow({ where: { organCode: { not: null }, parentId: city.id }, select: { id: true } })
  const today = shanghaiDate(clock.now())
  const first = addDays(today, -30)

  console.log(`Growing the city by ${PEOPLE} people in ${UNITS} units, their sessions, ${MESSAGES} messages and ${TASKS} document steps over 30 days…`)
  t = performance.now()
  await db.$executeRawUnsafe(`
    INSERT INTO "Unit" (id, "parentId", name, "shortName", kind, path, depth, "updatedAt")
      SELECT u, '${city.id}', '基准单位' || n, '基准' || n, 'DEPARTMENT', '${city.path}' || u || '/', 1, now()
        FROM (SELECT n, ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid AS u FROM generate_series(1, ${UNITS}) n) x`)
  await db.$executeRawUnsafe(`
    INSERT INTO "Person" (id, account, name, "namePinyin", "nameInitials", "createdAt", "updatedAt")
      SELECT ('00000000-0000-7000-a000-' || lpad(n::text, 12, '0'))::uuid, 'bench' || n, '基准人员' || n, 'jizhun' || n, 'jz', now() - interval '60 days', now() FROM generate_series(1, ${PEOPLE}) n`)
  await db.$executeRawUnsafe(`
    INSERT INTO "Post" (id, "personId", "unitId", title, "isPrimary")
      SELECT gen_random_uuid(), ('00000000-0000-7000-a000-' || lpad(n::text, 12, '0'))::uuid, ('00000000-0000-7000-9000-' || lpad((1 + n % ${UNITS})::text, 12, '0'))::uuid, '科员', true FROM generate_series(1, ${PEOPLE}) n`)
  // Each person's habit: 10 % never sign in, the rest on ~60 % of working days.
  await db.$executeRawUnsafe(`
    INSERT INTO "Session" (id, "personId", "csrfToken", "createdAt", "lastSeenAt", "expiresAt", "userAgent")
      SELECT md5(n::text || ':' || d::text) || md5(d::text || ':' || n::text), ('00000000-0000-7000-a000-' || lpad(n::text, 12, '0'))::uuid, 'bench',
             (d + interval '1 hour' + (n % 120) * interval '1 minute'), (d + interval '5 hours'), (d + interval '5 hours'), 'bench-metrics'
        FROM generate_series(1, ${PEOPLE}) n, generate_series('${first}'::date - interval '8 hours', '${addDays(today, -1)}'::date - interval '8 hours', interval '1 day') d
       WHERE n % 10 <> 0 AND extract(isodow FROM d + interval '8 hours') < 6 AND random() < 0.6`)
  const conversation = (await db.conversation.create({ data: { kind: 'TOPIC', title: '基准群' } })).id
  await db.$executeRawUnsafe(`
    INSERT INTO "Message" (id, "conversationId", seq, "clientId", "senderId", text, "createdAt")
      SELECT gen_random_uuid(), '${conversation}', n, 'b' || n, ('00000000-0000-7000-a000-' || lpad((1 + n % ${PEOPLE})::text, 12, '0'))::uuid, '收到',
             '${first}'::date - interval '8 hours' + (n::float / ${MESSAGES}) * interval '30 days' FROM generate_series(1, ${MESSAGES}) n`)
  await db.$executeRawUnsafe(`
    INSERT INTO "Document" (id, direction, kind, title, "organId", "unitId", "createdById", workflow, "updatedAt")
      SELECT ('00000000-0000-7000-b000-' || lpad(n::text, 12, '0'))::uuid, 'OUTGOING', 'NOTICE', '基准公文' || n, '${office.id}', '${office.id}',
             ('00000000-0000-7000-a000-' || lpad((1 + n % ${PEOPLE})::text, 12, '0'))::uuid, '[{"type":"REVIEW","name":"核稿"},{"type":"SIGN_OFF","name":"签发"}]'::jsonb, now()
        FROM generate_series(1, ${Math.ceil(TASKS / 2)}) n`)
  await db.$executeRawUnsafe(`
    INSERT INTO "DocumentTask" (id, "documentId", "stepIndex", "assigneeId", status, "createdAt", "actedAt", "actedById")
      SELECT gen_random_uuid(), ('00000000-0000-7000-b000-' || lpad((1 + n / 2)::text, 12, '0'))::uuid, n % 2, p, 'DONE', at, at + (1 + n % 47) * interval '1 hour', p
        FROM (SELECT n, ('00000000-0000-7000-a000-' || lpad((1 + (n * 7) % ${PEOPLE})::text, 12, '0'))::uuid AS p,
                     '${first}'::date - interval '8 hours' + (n::float / ${TASKS}) * interval '29 days' AS at FROM generate_series(0, ${TASKS - 1}) n) x
       WHERE (1 + n / 2) <= ${Math.ceil(TASKS / 2)}`)
  await db.$executeRawUnsafe('ANALYZE')
  results.growMs = Math.round(performance.now() - t)
  results.sessions = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Session"`)[0]!.n)

  console.log('Aggregating one day, then again, then the backfill of 31 days…')
  const yesterday = addDays(today, -1)
  const [firstRun, oneDay] = await timed(() => aggregateDay(db, yesterday))
  const [rerun] = await timed(() => aggregateDay(db, yesterday))
  t = performance.now()
  for (let d = first; d <= today; d = addDays(d, 1)) await aggregateDay(db, d)
  const backfill = performance.now() - t
  results.aggregateOneDay = { firstMs: +firstRun.toFixed(0), rerunMs: +rerun.toFixed(0), units: oneDay.units, active: oneDay.active }
  results.backfill31DaysMs = Math.round(backfill)
  results.metricsRows = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "MetricsUnitDay"`)[0]!.n)
  results.activityRows = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "MetricsActivity"`)[0]!.n)

  const adminId = (await db.person.findUniqueOrThrow({ where: { account: 'admin' }, select: { id: true } })).id
  const admin = (await actorOf(db, adminId))!
  const dashboards: Record<string, unknown> = {}
  for (const period of ['month', 'day', 'week'] as const) {
    console.log(`Dashboard for the whole platform by ${period}, ${ROUNDS} rounds…`)
    await metricsDashboard(db, admin, { period }) // warm
    const times: number[] = []
    let last
    for (let i = 0; i < ROUNDS; i++) {
      const [ms, d] = await timed(() => metricsDashboard(db, admin, { period }))
      times.push(ms)
      last = d
    }
    dashboards[period] = { ...summarize(times), rankedUnits: last!.ranking.length, current: last!.buckets.at(-1) }
  }
  results.dashboard = dashboards
  results.loadAfter = loadavg().map((x) => +x.toFixed(2))
  console.log(JSON.stringify(results, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2))
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true })
  writeFileSync(path.join(root, 'bench', 'results', 'metrics-latest.json'), JSON.stringify(results, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2))
} finally {
  await db.$disconnect()
  // BENCH_KEEP_DB=1 leaves the database for EXPLAIN ANALYZE (drop it by hand afterwards).
  if (process.env.BENCH_KEEP_DB === '1') console.log(`Kept ${database.url}`)
  else await database.stop()
}
