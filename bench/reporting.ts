/**
 * Data collection (issue 20): `npm run bench:reporting`. Figures are printed and written to
 * bench/results/reporting-latest.json.
 *
 * A collection of a 50-field template (40 numbers, 5 choices, 4 texts and a table of 3 number columns
 * with 10 rows per unit) to 500 units, every unit submitted, loaded in bulk with SQL. Then, as the
 * collector's page calls them:
 *   - the summary table across units (sums, averages, counts per choice, table columns summed; goal ≤ 200 ms),
 *   - the board (已报/未报/退回/逾期 per unit; goal ≤ 50 ms).
 * The sums are checked against the values the seed wrote. DATABASE_URL: use that PostgreSQL server (a
 * database bench_reporting_<pid> is made and dropped); else an embedded one on BENCH_REPORTING_PG_PORT [54536].
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
import { clock } from '../server/core/clock.ts'
import { collectionBoard, collectionSummary, definitionSchema, type Definition } from '../server/reporting/index.ts'

const root = path.resolve(import.meta.dirname, '..')
const UNITS = Number(process.env.BENCH_UNITS ?? 500)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30)
const ROOT = '00000000-0000-7000-8000-000000000001'
const OFFICE = '00000000-0000-7000-8000-000000000002'
const COLLECTOR = '00000000-0000-7000-a000-000000000000'
const COLLECTION = '00000000-0000-7000-b000-000000000001'

const summarize = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: +percentile(s, 50).toFixed(1), p95: +percentile(s, 95).toFixed(1), max: +s.at(-1)!.toFixed(1) }
}

const definition: Definition = definitionSchema.parse({
  sections: [
    { title: '数字', fields: Array.from({ length: 40 }, (_, i) => ({ key: `n${i + 1}`, label: `指标${i + 1}`, type: 'number', measure: '万元', min: 0 })) },
    { title: '选项与文本', fields: [
      ...Array.from({ length: 5 }, (_, i) => ({ key: `c${i + 1}`, label: `选项${i + 1}`, type: 'choice', options: ['甲', '乙', '丙'] })),
      ...Array.from({ length: 4 }, (_, i) => ({ key: `t${i + 1}`, label: `说明${i + 1}`, type: 'text' })),
      { key: 'rows', label: '明细', type: 'table', columns: [{ key: 'name', label: '名称', type: 'text' }, { key: 'a', label: 'A', type: 'number' }, { key: 'b', label: 'B', type: 'number' }, { key: 'c', label: 'C', type: 'number' }] },
    ] },
  ],
})

async function seed(db: Db) {
  const t = performance.now()
  const now = clock.now()
  await db.$executeRawUnsafe(`
    INSERT INTO "Unit" (id, name, "shortName", kind, path, depth, "updatedAt") VALUES ('${ROOT}', '基准市', '基准市', 'CITY', '/${ROOT}/', 0, now());
    INSERT INTO "Unit" (id, "parentId", name, "shortName", kind, path, depth, "updatedAt") VALUES ('${OFFICE}', '${ROOT}', '办公室', '办公室', 'DEPARTMENT', '/${ROOT}/${OFFICE}/', 1, now());
    INSERT INTO "Unit" (id, "parentId", name, "shortName", kind, path, depth, "updatedAt", "sortOrder")
      SELECT u, '${ROOT}', '单位' || n, '单位' || n, 'DEPARTMENT', '/${ROOT}/' || u || '/', 1, now(), n
        FROM (SELECT n, ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid AS u FROM generate_series(1, ${UNITS}) n) x;
    INSERT INTO "Person" (id, account, name, "namePinyin", "nameInitials", "updatedAt") VALUES ('${COLLECTOR}', 'collector', '汇总员', 'hzy', 'hzy', now());
  `)
  const template = await db.reportTemplate.create({ data: { ownerUnitId: OFFICE, name: '基准模板', createdById: COLLECTOR, createdAt: now } })
  const version = await db.reportTemplateVersion.create({ data: { templateId: template.id, version: 1, definition, createdById: COLLECTOR, createdAt: now } })
  await db.reportCollection.create({ data: { id: COLLECTION, versionId: version.id, ownerUnitId: OFFICE, title: '基准报送', deadline: new Date(now.getTime() + 86_400_000), createdById: COLLECTOR, createdAt: now } })
  // Unit n: number field k = (n * k) % 1000; choice k = 甲/乙/丙 by (n + k) % 3; table row r: a = r, b = n % 7, c = 1.
  await db.$executeRaw`
    INSERT INTO "ReportSubmission" (id, "collectionId", "unitId", status, "submittedAt", values)
    SELECT gen_random_uuid(), ${COLLECTION}::uuid, ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid, 'SUBMITTED', ${now},
           (SELECT jsonb_object_agg('n' || k, (n * k) % 1000) FROM generate_series(1, 40) k)
           || (SELECT jsonb_object_agg('c' || k, (ARRAY['甲', '乙', '丙'])[1 + (n + k) % 3]) FROM generate_series(1, 5) k)
           || (SELECT jsonb_object_agg('t' || k, '说明文字' || n) FROM generate_series(1, 4) k)
           || jsonb_build_object('rows', (SELECT jsonb_agg(jsonb_build_object('name', '项目' || r, 'a', r, 'b', n % 7, 'c', 1)) FROM generate_series(1, 10) r))
      FROM generate_series(1, ${UNITS}) n`
  await db.$executeRawUnsafe('ANALYZE')
  return performance.now() - t
}

async function main() {
  const started = performance.now()
  const database = await freshBenchDatabase({ name: 'reporting', dataDir: 'bench-reporting-postgres', port: Number(process.env.BENCH_REPORTING_PG_PORT ?? 54536) })
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 10 }) }) as unknown as Db
  try {
    const seedMs = await seed(db)
    console.log(`seeded ${UNITS} submissions of a 50-field template in ${(seedMs / 1000).toFixed(1)} s`)
    const collector: Actor = { personId: COLLECTOR, name: '汇总员', account: 'collector', sessionId: 'bench', grants: [{ permissions: ['report.collect'], scopePath: `/${ROOT}/${OFFICE}/`, includesSubunits: true }] }
    const summaryMs: number[] = []
    const boardMs: number[] = []
    let summary: Awaited<ReturnType<typeof collectionSummary>> | null = null
    let boardRows = 0
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now()
      summary = await collectionSummary(db, collector, COLLECTION)
      summaryMs.push(performance.now() - t)
      t = performance.now()
      boardRows = (await collectionBoard(db, collector, COLLECTION)).rows.length
      boardMs.push(performance.now() - t)
    }
    // The arithmetic, against the seed's formulas.
    const expected = (k: number) => Array.from({ length: UNITS }, (_, i) => ((i + 1) * k) % 1000).reduce((a, b) => a + b, 0)
    const n7 = summary!.numbers.find((x) => x.key === 'n7')!
    const b = summary!.columns.find((c) => c.column === 'b')!
    const correct = n7.sum === expected(7) && summary!.units.length === UNITS && b.sum === 10 * Array.from({ length: UNITS }, (_, i) => (i + 1) % 7).reduce((x, y) => x + y, 0)
      && Object.values(summary!.choices[0]!.counts).reduce((x, y) => x + y, 0) === UNITS
    const result = {
      at: new Date().toISOString(), loadavg: loadavg().map((x) => +x.toFixed(2)), units: UNITS, fields: 50, seedSeconds: +(seedMs / 1000).toFixed(1),
      summaryMs: summarize(summaryMs), boardMs: { ...summarize(boardMs), rows: boardRows }, goals: { summaryMs: 200, boardMs: 50 }, sumsCorrect: correct,
      totalSeconds: +((performance.now() - started) / 1000).toFixed(1),
    }
    console.log(JSON.stringify(result, null, 2))
    mkdirSync(path.join(root, 'bench/results'), { recursive: true })
    writeFileSync(path.join(root, 'bench/results/reporting-latest.json'), `${JSON.stringify(result, null, 2)}\n`)
    if (!correct) process.exitCode = 1
  } finally {
    await db.$disconnect()
    await database.stop()
  }
}

await main()
