/**
 * Duty benchmarks (npm run bench:duty): scheduling a month for a post with 200 eligible people and 3 roles;
 * a holiday period (2026 National Day) for 50 posts at once, sharing people (no double booking across
 * them); and today's duty board across 1,000 units for the upper duty office (p95 of 100 reads).
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { createDb } from '../server/core/db/index.ts'
import { addDays, clock, shanghaiDate, shanghaiInstant } from '../server/core/clock.ts'
import { dutyBoard, defaultDutySettings, schedule, ensureOfficialCalendar, officialDaysFor } from '../server/duty/index.ts'
import { buildSeats, type PatternSpec } from '../server/duty/seats.ts'
import { boardQuery } from '../server/duty/duty-board.ts'
import type { Actor } from '../server/core/authz/index.ts'
import { freshBenchDatabase } from './database.ts'
import { percentile } from './directory-search.ts'

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`)
const time = <T,>(fn: () => T): [T, number] => { const t = performance.now(); const r = fn(); return [r, performance.now() - t] }

const database = await freshBenchDatabase({ name: 'duty', dataDir: 'bench-postgres', port: Number(process.env.BENCH_PG_PORT ?? 54369) })
const db = createDb(database.url)
try {
  await ensureOfficialCalendar(db)
  const official = await officialDaysFor(db, [2026])
  const rules = defaultDutySettings

  // 1. One month, one post, 200 eligible people, 3 roles (带班领导 from 30 of them).
  const people = ids('p', 200)
  const month: PatternSpec[] = [
    { id: 'day', name: '白班', startMinute: 510, durationMinutes: 540, appliesOn: 'OFF_DAYS', roles: [{ id: 'd-lead', name: '带班领导', count: 1, isLeader: true, eligible: people.slice(0, 30) }, { id: 'd-off', name: '值班员', count: 2, isLeader: false, eligible: people }, { id: 'd-drv', name: '驾驶员', count: 1, isLeader: false, eligible: people.slice(150) }] },
    { id: 'night', name: '夜班', startMinute: 1050, durationMinutes: 900, appliesOn: 'ALL', roles: [{ id: 'n-lead', name: '带班领导', count: 1, isLeader: true, eligible: people.slice(0, 30) }, { id: 'n-off', name: '值班员', count: 2, isLeader: false, eligible: people }, { id: 'n-drv', name: '驾驶员', count: 1, isLeader: false, eligible: people.slice(150) }] },
  ]
  const monthRuns: number[] = []
  let monthResult
  for (let i = 0; i < 5; i++) {
    const [result, ms] = time(() => schedule({ seats: buildSeats(month, '2026-10-01', '2026-10-31', official, rules), unavailable: [], fixed: [], history: {}, rules }))
    monthRuns.push(ms)
    monthResult = result
  }
  console.log(JSON.stringify({ bench: 'schedule one month, 200 eligible, 3 roles', seats: Object.keys(monthResult!.assignments).length, unfilled: monthResult!.unfilled.length, ms: { min: Math.min(...monthRuns).toFixed(1), max: Math.max(...monthRuns).toFixed(1) }, limitMs: 2000 }))

  // 2. A holiday period for 50 posts at once: 2026-10-01…10-08, each post 24 hours with 3 roles, 20 people a post, 5 of whom also serve a neighbouring post.
  const posts = Array.from({ length: 50 }, (_, k) => {
    const own = ids(`u${k}-`, 20)
    const shared = ids(`u${(k + 1) % 50}-`, 5)
    return { id: `post${k}`, name: '24小时', startMinute: 510, durationMinutes: 1440, appliesOn: 'ALL' as const, roles: [
      { id: `${k}-lead`, name: '带班领导', count: 1, isLeader: true, eligible: own.slice(0, 5) },
      { id: `${k}-off`, name: '值班员', count: 2, isLeader: false, eligible: [...own.slice(5), ...shared] },
      { id: `${k}-drv`, name: '驾驶员', count: 1, isLeader: false, eligible: own.slice(15) },
    ] }
  })
  const holidayRuns: number[] = []
  let holidayResult
  for (let i = 0; i < 3; i++) {
    const [result, ms] = time(() => schedule({ seats: buildSeats(posts, '2026-10-01', '2026-10-08', official, { ...rules, restAfterNightHours: 0 } as never), unavailable: [], fixed: [], history: {}, rules: { restAfterNightHours: 0, maxConsecutiveDays: 3 } }))
    holidayRuns.push(ms)
    holidayResult = result
  }
  console.log(JSON.stringify({ bench: 'schedule a holiday period for 50 posts at once', seats: Object.keys(holidayResult!.assignments).length, unfilled: holidayResult!.unfilled.length, ms: { min: Math.min(...holidayRuns).toFixed(1), max: Math.max(...holidayRuns).toFixed(1) }, limitMs: 2000 }))

  // 3. Today's board across 1,000 units (each a post with a published, filed roster: 4 seats today).
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  const today = shanghaiDate(clock.now())
  const root = '00000000-0000-7000-8000-000000000000'
  await client.query(`INSERT INTO "Unit"(id, name, "shortName", kind, path, depth, "updatedAt") VALUES ($1, '泰和市人民政府', '市政府', 'CITY', $2, 0, now())`, [root, `/${root}/`])
  await client.query(`
    INSERT INTO "Unit"(id, "parentId", name, "shortName", kind, path, depth, "updatedAt")
    SELECT u, $1, '单位' || i, '单位' || i, 'DEPARTMENT', $2 || u || '/', 1, now()
      FROM (SELECT i, ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid AS u FROM generate_series(1, 1000) i) t`, [root, `/${root}/`])
  await client.query(`
    INSERT INTO "Person"(id, account, name, "namePinyin", "nameInitials", phone, "updatedAt")
    SELECT ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, 'bench' || i, '值班员' || i, 'zhibanyuan', 'zby', '139' || lpad(i::text, 8, '0'), now() FROM generate_series(1, 4000) i`)
  await client.query(`
    INSERT INTO "DutyPost"(id, "unitId", name, phone)
    SELECT ('00000000-0000-7000-a000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, '总值班', '0791-' || i FROM generate_series(1, 1000) i`)
  await client.query(`
    INSERT INTO "DutyShiftPattern"(id, "postId", name, "startMinute", "durationMinutes", "appliesOn")
    SELECT ('00000000-0000-7000-b000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-a000-' || lpad(i::text, 12, '0'))::uuid, '24小时', 510, 1440, 'ALL' FROM generate_series(1, 1000) i`)
  await client.query(`
    INSERT INTO "DutyShiftRole"(id, "patternId", name, count, "isLeader", "sortOrder")
    SELECT ('00000000-0000-7000-c' || r || '00-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-b000-' || lpad(i::text, 12, '0'))::uuid, CASE r WHEN 1 THEN '带班领导' ELSE '值班员' END, 1, r = 1, r
      FROM generate_series(1, 1000) i, generate_series(1, 2) r`)
  await client.query(`
    INSERT INTO "DutyRoster"(id, "postId", "startDate", "endDate", status, "publishedAt", "filedAt", "createdById")
    SELECT ('00000000-0000-7000-d000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-a000-' || lpad(i::text, 12, '0'))::uuid, $1, $2, 'PUBLISHED', now(), now(), ('00000000-0000-7000-9000-' || lpad(1::text, 12, '0'))::uuid FROM generate_series(1, 1000) i`, [addDays(today, -15), addDays(today, 15)])
  // Every day of the month, for every post: yesterday's and today's seats overlap today.
  await client.query(`
    INSERT INTO "DutyAssignment"(id, "rosterId", "patternId", "roleId", date, slot, "startsAt", "endsAt", "personId", weight)
    SELECT gen_random_uuid(), ('00000000-0000-7000-d000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-b000-' || lpad(i::text, 12, '0'))::uuid,
           ('00000000-0000-7000-c' || r || '00-' || lpad(i::text, 12, '0'))::uuid, to_char(($1::date + d), 'YYYY-MM-DD'), 0,
           ($1::date + d)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '510 minutes', ($1::date + d)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '1950 minutes',
           ('00000000-0000-7000-9000-' || lpad((((i * 2 + r + d) % 4000) + 1)::text, 12, '0'))::uuid, 1
      FROM generate_series(1, 1000) i, generate_series(1, 2) r, generate_series(0, 30) d`, [addDays(today, -15)])
  await client.query('ANALYZE')
  await client.end()
  const actor: Actor = { personId: '00000000-0000-7000-9000-999999999999', name: '上级值班室', account: 'upper', sessionId: '', grants: [{ permissions: ['duty.oversee'], scopePath: `/${root}/`, includesSubunits: true }] }
  const now = shanghaiInstant(today, 12 * 60)
  for (let i = 0; i < 5; i++) await dutyBoard(db, actor, now, { take: 5000 }) // warm up
  const reads: number[] = []
  let posts1000 = 0
  for (let i = 0; i < 100; i++) {
    const t = performance.now()
    const board = await dutyBoard(db, actor, now, { take: 5000 })
    reads.push(performance.now() - t)
    posts1000 = board.posts.length
  }
  reads.sort((a, b) => a - b)
  console.log(JSON.stringify({ bench: 'board across 1,000 units (upper duty office), all 4,000 seats of today', posts: posts1000, ms: { p50: percentile(reads, 50).toFixed(1), p95: percentile(reads, 95).toFixed(1), max: reads.at(-1)!.toFixed(1) }, limitP95Ms: 50 }))
  // The page's default: the first 500 seats.
  const page: number[] = []
  for (let i = 0; i < 100; i++) {
    const t = performance.now()
    await dutyBoard(db, actor, now)
    page.push(performance.now() - t)
  }
  page.sort((a, b) => a - b)
  console.log(JSON.stringify({ bench: 'board across 1,000 units, the page (first 500 seats)', ms: { p50: percentile(page, 50).toFixed(1), p95: percentile(page, 95).toFixed(1), max: page.at(-1)!.toFixed(1) }, limitP95Ms: 50 }))
  // What PostgreSQL itself spends on the full board (the rest is the driver and this process's share of 2 busy cores):
  // the board's own statement (boardQuery), and for reference the same joins with the seat's start bounded above only.
  const explain = new pg.Client({ connectionString: database.url })
  await explain.connect()
  const boardSql = boardQuery(actor, [], now, 5000)
  const planOf = async (sql: string, values: unknown[]) => (await explain.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, values)).rows[0]['QUERY PLAN'][0]
  const board = await planOf(boardSql.text, boardSql.values)
  const unbounded = await planOf(`SELECT a.id FROM "DutyRoster" ro JOIN "DutyPost" dp ON dp.id = ro."postId" JOIN "Unit" u ON u.id = dp."unitId"
    JOIN "DutyAssignment" a ON a."rosterId" = ro.id AND a."startsAt" < $2 AND a."endsAt" > $1 AND a."personId" IS NOT NULL
    JOIN "Person" p ON p.id = a."personId" JOIN "DutyShiftRole" r ON r.id = a."roleId" JOIN "DutyShiftPattern" sp ON sp.id = a."patternId"
    WHERE ro.status = 'PUBLISHED' AND u.path LIKE ANY($3::text[]) ORDER BY a."startsAt", a.id LIMIT 5000`, [shanghaiInstant(today), shanghaiInstant(addDays(today, 1)), [`/${root}/%`]])
  const seatScan = (plan: { Plans?: unknown[]; 'Relation Name'?: string; 'Node Type': string; 'Actual Rows': number; 'Rows Removed by Filter'?: number; 'Rows Removed by Index Recheck'?: number }): string[] =>
    [...(plan['Relation Name'] === 'DutyAssignment' ? [`${plan['Node Type']} rows=${plan['Actual Rows']} removed=${plan['Rows Removed by Filter'] ?? 0}`] : []), ...((plan.Plans ?? []) as never[]).flatMap(seatScan)]
  console.log(JSON.stringify({ bench: 'board statement inside PostgreSQL', executionMs: board['Execution Time'], sharedBuffers: board.Plan['Shared Hit Blocks'] + board.Plan['Shared Read Blocks'], seatScans: seatScan(board.Plan) }))
  console.log(JSON.stringify({ bench: 'reference: seats bounded above only', executionMs: unbounded['Execution Time'], sharedBuffers: unbounded.Plan['Shared Hit Blocks'] + unbounded.Plan['Shared Read Blocks'], seatScans: seatScan(unbounded.Plan) }))
  console.log(JSON.stringify({ bench: 'load average', loadavg: loadavg().map((l) => +l.toFixed(2)) }))
  await explain.end()
} finally {
  await db.$disconnect()
  await database.stop()
}
