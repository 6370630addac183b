/**
 * The statements and plans behind `npm run bench:supervision`'s three reads, on a database it kept:
 *   BENCH_KEEP=1 npm run bench:supervision        (prints "kept <url>")
 *   npx tsx bench/supervision-plans.ts <url> dash|mine|rank [explain]
 * prints each statement of one warm call with its time, and with `explain` EXPLAIN (ANALYZE, BUFFERS)
 * of those over 30 ms.
 */
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../server/core/db/generated/client.ts'
import type { Db } from '../server/core/db/index.ts'
import type { Actor } from '../server/core/authz/index.ts'
import { clock, shanghaiDate } from '../server/core/clock.ts'
import { computeRanking, dashboardData, listItems } from '../server/supervision/index.ts'

const url = process.argv[2]!
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), log: [{ emit: 'event', level: 'query' }] }) as unknown as Db & { $on: (e: string, f: (q: { query: string; params: string; duration: number }) => void) => void }
const officer: Actor = { personId: '00000000-0000-7000-a000-000000000000', name: '督查员', account: 'owner0', sessionId: 'bench', grants: [{ permissions: ['supervision.manage'], scopePath: '/00000000-0000-7000-8000-000000000001/00000000-0000-7000-8000-000000000002/', includesSubunits: true }] }
const owner: Actor = { personId: '00000000-0000-7000-a000-000000000007', name: '责任人7', account: 'owner7', sessionId: 'bench', grants: [] }
let log: { query: string; params: string; duration: number }[] = []
db.$on('query', (q) => log.push({ query: q.query, params: q.params, duration: q.duration }))
const which = process.argv[3] ?? 'dash'
const today = shanghaiDate(clock.now())
const yearAgo = shanghaiDate(new Date(clock.now().getTime() - 364 * 86_400_000))
const run = () => which === 'dash' ? dashboardData(db, officer) : which === 'mine' ? listItems(db, owner, { view: 'mine' }) : computeRanking(db, officer, { from: yearAgo, to: today })
await run()
log = []
const t = performance.now()
await run()
console.log('total', (performance.now() - t).toFixed(1), 'statements', log.length)
for (const q of log) console.log(q.duration, 'ms |', q.query.slice(0, 4000).replace(/\s+/g, ' '), '|', q.params.slice(0, 300))

if (process.argv[4]) {
  const pg = (await import('pg')).default
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  for (const q of log.filter((x) => x.duration > 30)) {
    const params = JSON.parse(q.params).map((p: unknown) => (Array.isArray(p) ? `{${p.join(',')}}` : p))
    const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.query}`, params)
    console.log(r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n'))
  }
  await c.end()
}
await db.$disconnect()
