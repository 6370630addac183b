/**
 * Personal calendar (issue 20): `npm run bench:personal`. Figures are printed and written to
 * bench/results/personal-latest.json.
 *
 * A city of 2,000 people, each with a year of everything the calendar gathers: own entries (20 one-off
 * a month and 3 weekly series), meetings they are invited to (10 a month, 200,000+ invitee rows in all,
 * plus weekly series), published duty shifts, document steps with deadlines, supervision items they own
 * and leave. Measured: `myCalendar` for one person's month view (six weeks, every source, series
 * expanded), 300 times over 100 people. Goal: p95 ≤ 20 ms.
 *
 * DATABASE_URL: that PostgreSQL server (a database bench_personal_<pid> is made and dropped); else an
 * embedded one on BENCH_PERSONAL_PG_PORT [54535].
 */
import { loadavg } from 'node:os'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { freshBenchDatabase } from './database.ts'
import { createDb, type Db } from '../server/core/db/index.ts'
import { actorOf } from '../server/auth/index.ts'
import { fromShanghai } from '../server/core/clock.ts'
import { uuidv7 } from '../server/directory/index.ts'
import { myCalendar } from '../server/personal/index.ts'
import { meetingsBetween } from '../server/meetings/index.ts'
import { meetingsBetweenQuery } from '../server/meetings/meetings-between.ts'
import { shiftsBetweenQuery } from '../server/duty/shifts-between.ts'
import { Prisma } from '../server/core/db/index.ts'
import { shiftsBetween } from '../server/duty/index.ts'
import { documentDeadlinesBetween } from '../server/documents/index.ts'
import { supervisionDeadlinesBetween } from '../server/supervision/index.ts'
import { percentile } from './directory-search.ts'

const PEOPLE = 2000

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Actual Rows': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number; Plans?: PlanNode[] }
const summarize = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), max: +s.at(-1)!.toFixed(2) }
}

async function seed(db: Db) {
  const rootId = uuidv7()
  const yearStart = fromShanghai('2026-01-01').toISOString()
  const run = (sql: string) => db.$executeRawUnsafe(sql)
  await db.unit.create({ data: { id: rootId, name: '压测市', shortName: '压测市', kind: 'CITY', path: `/${rootId}/`, depth: 0 } })
  await run(`INSERT INTO "Person"(id, account, name, "namePinyin", "nameInitials", "updatedAt")
    SELECT gen_random_uuid(), 'p' || i, '人员' || i, 'renyuan' || i, 'ry', now() FROM generate_series(1, ${PEOPLE}) AS i`)
  await run(`INSERT INTO "Post"(id, "personId", "unitId", title, "isPrimary") SELECT gen_random_uuid(), id, '${rootId}'::uuid, '科员', true FROM "Person"`)
  const people = `(SELECT id, row_number() OVER (ORDER BY account) AS n FROM "Person")`

  // Own entries: 20 a month each (one-off), and 3 weekly series each.
  await run(`INSERT INTO "CalendarEntry"(id, "personId", title, "startsAt", "endsAt", "repeatsUntil", "updatedAt")
    SELECT gen_random_uuid(), p.id, '日程' || k, s, s + interval '1 hour', s + interval '1 hour', now()
      FROM ${people} p CROSS JOIN generate_series(0, 239) AS k
      CROSS JOIN LATERAL (SELECT '${yearStart}'::timestamptz + (k * interval '36 hours') + interval '1 hour' AS s) t`)
  await run(`INSERT INTO "CalendarEntry"(id, "personId", title, "startsAt", "endsAt", recurrence, "updatedAt")
    SELECT gen_random_uuid(), p.id, '例会' || k, '${yearStart}'::timestamptz + k * interval '1 day' + interval '1 hour', '${yearStart}'::timestamptz + k * interval '1 day' + interval '2 hours', 'FREQ=WEEKLY', now()
      FROM ${people} p CROSS JOIN generate_series(0, 2) AS k`)

  // Meetings: 1,000 a month across the city (12,000), each with 20 invitees; and 50 weekly series.
  await run(`INSERT INTO "Meeting"(id, title, kind, "organiserUnitId", "organiserId", "chairId", "startsAt", "endsAt", "icsUid", "updatedAt")
    SELECT gen_random_uuid(), '会议' || i, 'ROOM', '${rootId}'::uuid, (SELECT id FROM "Person" LIMIT 1), (SELECT id FROM "Person" LIMIT 1),
           '${yearStart}'::timestamptz + (i * interval '43 minutes'), '${yearStart}'::timestamptz + (i * interval '43 minutes') + interval '1 hour', 'm' || i || '@bench', now()
      FROM generate_series(1, 12000) AS i`)
  await run(`INSERT INTO "Meeting"(id, title, kind, "organiserUnitId", "organiserId", "chairId", "startsAt", "endsAt", recurrence, "icsUid", "updatedAt")
    SELECT gen_random_uuid(), '周会' || i, 'ROOM', '${rootId}'::uuid, (SELECT id FROM "Person" LIMIT 1), (SELECT id FROM "Person" LIMIT 1),
           '${yearStart}'::timestamptz + (i * interval '1 day') + interval '2 hours', '${yearStart}'::timestamptz + (i * interval '1 day') + interval '3 hours', 'FREQ=WEEKLY;COUNT=40', 's' || i || '@bench', now()
      FROM generate_series(1, 50) AS i`)
  await run(`INSERT INTO "MeetingInvitee"(id, "meetingId", "personId")
    SELECT gen_random_uuid(), m.id, p.id
      FROM (SELECT id, row_number() OVER (ORDER BY "icsUid") AS n FROM "Meeting") m
      JOIN ${people} p ON (p.n + m.n) % 100 < 1 OR p.n % ${PEOPLE} = (m.n * 7) % ${PEOPLE}
      ON CONFLICT DO NOTHING`)

  // Duty: one post, a published roster of the year, a shift for each person every ~2 weeks.
  await run(`WITH post AS (INSERT INTO "DutyPost"(id, "unitId", name) VALUES (gen_random_uuid(), '${rootId}'::uuid, '总值班') RETURNING id),
    pat AS (INSERT INTO "DutyShiftPattern"(id, "postId", name, "startMinute", "durationMinutes") SELECT gen_random_uuid(), id, '白班', 510, 540 FROM post RETURNING id),
    rol AS (INSERT INTO "DutyShiftRole"(id, "patternId", name) SELECT gen_random_uuid(), id, '值班员' FROM pat RETURNING id),
    ros AS (INSERT INTO "DutyRoster"(id, "postId", "startDate", "endDate", status, "createdById") SELECT gen_random_uuid(), id, '2026-01-01', '2026-12-31', 'PUBLISHED', (SELECT id FROM "Person" LIMIT 1) FROM post RETURNING id)
    INSERT INTO "DutyAssignment"(id, "rosterId", "patternId", "roleId", date, slot, "personId", "startsAt", "endsAt")
    SELECT gen_random_uuid(), ros.id, pat.id, rol.id, to_char(d, 'YYYY-MM-DD'), p.n::int, p.id, d + interval '30 minutes', d + interval '9 hours 30 minutes'
      FROM ros, pat, rol, ${people} p
      CROSS JOIN LATERAL (SELECT '${yearStart}'::timestamptz + ((p.n % 14 + k * 14) * interval '1 day') AS d FROM generate_series(0, 25) AS k) days`)

  // Documents: a pending step with a deadline for each person every ~5 days.
  await run(`INSERT INTO "Document"(id, direction, kind, title, "organId", "unitId", "createdById", "updatedAt")
    SELECT gen_random_uuid(), 'OUTGOING', 'NOTICE', '通知' || i, '${rootId}'::uuid, '${rootId}'::uuid, (SELECT id FROM "Person" LIMIT 1), now() FROM generate_series(1, 2000) AS i`)
  await run(`INSERT INTO "DocumentTask"(id, "documentId", "stepIndex", "assigneeId", status, "dueAt")
    SELECT gen_random_uuid(), d.id, k, p.id, 'PENDING', '${yearStart}'::timestamptz + ((p.n % 5 + k * 5) * interval '1 day') + interval '9 hours'
      FROM ${people} p JOIN (SELECT id, row_number() OVER (ORDER BY title) AS n FROM "Document") d ON d.n = p.n
      CROSS JOIN generate_series(0, 72) AS k`)

  // Supervision: 4,000 items in progress, each owned by one person, deadlines spread over the year.
  await run(`WITH items AS (
      INSERT INTO "SupervisionItem"(id, path, "officeUnitId", "createdById", source, title, deadline, status, "updatedAt")
      SELECT u, '/' || u || '/', '${rootId}'::uuid, (SELECT id FROM "Person" LIMIT 1), 'KEY_WORK', '督办' || i, '${yearStart}'::timestamptz + (i % 365) * interval '1 day', 'IN_PROGRESS', now()
        FROM (SELECT gen_random_uuid() AS u, i FROM generate_series(1, 4000) AS i) t RETURNING id, title)
    INSERT INTO "SupervisionAssignment"(id, "itemId", "unitId", role, status, "ownerId")
    SELECT gen_random_uuid(), items.id, '${rootId}'::uuid, 'LEAD', 'ACCEPTED', p.id
      FROM items JOIN ${people} p ON p.n = (substring(items.title from 3)::int % ${PEOPLE}) + 1`)

  // Leave: 6 approved requests a year each.
  await run(`INSERT INTO "LeaveRequest"(id, "personId", "unitId", "organId", "approverIds", type, "startDate", "endDate", "startsAt", "endsAt", "halfDays", year, reason, status, steps)
    SELECT gen_random_uuid(), p.id, '${rootId}'::uuid, '${rootId}'::uuid, '{}', 'PERSONAL', to_char(s + interval '8 hours', 'YYYY-MM-DD'), to_char(s + interval '8 hours', 'YYYY-MM-DD'), s, s + interval '1 day', 2, 2026, '事', 'APPROVED', '[]'
      FROM ${people} p CROSS JOIN generate_series(0, 5) AS k
      CROSS JOIN LATERAL (SELECT '${yearStart}'::timestamptz + ((p.n % 60 + k * 60) * interval '1 day') AS s) t`)
  for (const table of ['CalendarEntry', 'Meeting', 'MeetingInvitee', 'DutyAssignment', 'DocumentTask', 'SupervisionItem', 'SupervisionAssignment', 'LeaveRequest']) await run(`ANALYZE "${table}"`)
  const ids = (await db.person.findMany({ orderBy: { account: 'asc' }, take: 100, select: { id: true } })).map((p) => p.id)
  return ids
}

async function main() {
  const database = await freshBenchDatabase({ name: 'personal', dataDir: 'bench-personal-postgres', port: Number(process.env.BENCH_PERSONAL_PG_PORT ?? 54535) })
  const db = createDb(database.url, 8)
  const results: Record<string, unknown> = {}
  try {
    const t0 = performance.now()
    const ids = await seed(db)
    const counts = Object.fromEntries(await Promise.all((['calendarEntry', 'meeting', 'meetingInvitee', 'dutyAssignment', 'documentTask', 'supervisionItem', 'leaveRequest'] as const).map(async (m) => [m, await (db[m] as { count: () => Promise<number> }).count()])))
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`, counts)
    const actors = await Promise.all(ids.map((id) => actorOf(db, id).then((a) => a!)))
    // The month view of October 2026: Monday 09-28 to Sunday 11-01.
    const range = { from: '2026-09-28', to: '2026-11-01' }
    for (const a of actors.slice(0, 10)) await myCalendar(db, a, range) // warm the pool and the plans
    const times: number[] = []
    const sizes: number[] = []
    for (let i = 0; i < 300; i++) {
      const start = performance.now()
      const items = await myCalendar(db, actors[i % actors.length]!, range)
      times.push(performance.now() - start)
      sizes.push(items.length)
    }
    const monthView = { ...summarize(times), itemsPerMonth: { min: Math.min(...sizes), max: Math.max(...sizes) }, goalP95Ms: 20 }
    results.monthCalendar = monthView
    // Each source alone (same people, same range), to see where the time goes.
    const from = fromShanghai(range.from)
    const to = fromShanghai('2026-11-02')
    const sources: Record<string, (id: string) => Promise<unknown>> = {
      meetings: (id) => meetingsBetween(db, id, from, to),
      duty: (id) => shiftsBetween(db, id, from, to),
      documents: (id) => documentDeadlinesBetween(db, id, from, to),
      supervision: (id) => supervisionDeadlinesBetween(db, id, from, to),
    }
    const perSource: Record<string, unknown> = {}
    for (const [name, fn] of Object.entries(sources)) {
      const t: number[] = []
      for (let i = 0; i < 100; i++) {
        const start = performance.now()
        await fn(ids[i % ids.length]!)
        t.push(performance.now() - start)
      }
      perSource[name] = summarize(t)
    }
    results.perSource = perSource
    console.log('per source:', perSource)
    // The plans of the statements this module and its sources send, for one ordinary person (not the bench's organiser of everything).
    const who = ids[5]!
    const planOf = async (q: { text: string; values: unknown[] }) => {
      const [row] = await db.$queryRawUnsafe<{ 'QUERY PLAN': [{ 'Execution Time': number; Plan: PlanNode }] }[]>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`, ...q.values)
      const plan = row!['QUERY PLAN'][0]
      const scans = (n: PlanNode): string[] => [...(n['Relation Name'] ? [`${n['Node Type']} ${n['Relation Name']}${n['Index Name'] ? ` (${n['Index Name']})` : ''} rows=${n['Actual Rows']}`] : []), ...(n.Plans ?? []).flatMap(scans)]
      return { executionMs: +plan['Execution Time'].toFixed(2), buffers: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'], scans: scans(plan.Plan) }
    }
    const entries = Prisma.sql`SELECT id FROM "CalendarEntry" WHERE "personId" = ${who}::uuid AND "startsAt" < ${to} AND ("repeatsUntil" IS NULL OR "repeatsUntil" > ${from}) ORDER BY "startsAt" LIMIT 500`
    const plans = { meetings: await planOf(meetingsBetweenQuery(who, from, to)), duty: await planOf(shiftsBetweenQuery(who, from, to)), ownEntries: await planOf(entries) }
    results.plans = plans
    console.log('plans:', JSON.stringify(plans, null, 1))
    results.rows = counts
    results.loadAverage = loadavg().map((l) => +l.toFixed(2))
    console.log('month calendar, all sources:', monthView, 'load average', results.loadAverage)
  } finally {
    await db.$disconnect()
    await database.stop()
  }
  const dir = path.resolve(import.meta.dirname, 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'personal-latest.json'), JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2) + '\n')
}

await main()
