/**
 * How fast the co-editing server closes the sockets of someone whose access ended, with many open.
 *   tsx bench/realtime/revocation.ts [--connections 1000] [--people 50] [--docs 100] [--revoke 10] [--recheck-ms 2000]
 * Opens `connections` sockets (people × sessions, spread over documents), then
 *   trigger path: ends every session of `revoke` people (as sign-out-everywhere does; the database
 *     NOTIFYs) and times each of their sockets' close;
 *   periodic path: lets the sessions of `revoke` other people expire (no NOTIFY; the periodic
 *     re-check finds them) and times the same.
 * Prints median and worst latency of each path (ms). Uses a fresh bench database.
 */
import { parseArgs } from 'node:util'
import pg from 'pg'
import WebSocket from 'ws'
import { realtimeBenchDatabase } from './database.ts'

const { values: opt } = parseArgs({
  options: {
    connections: { type: 'string', default: '1000' },
    people: { type: 'string', default: '50' },
    docs: { type: 'string', default: '100' },
    revoke: { type: 'string', default: '10' },
    'recheck-ms': { type: 'string', default: '2000' },
  },
})
const connections = Number(opt.connections)
const people = Number(opt.people)
const revoke = Number(opt.revoke)

const database = await realtimeBenchDatabase()
process.env.DATABASE_URL = database.url
process.env.REALTIME_SECRET ??= 'bench-revocation-secret-0123456789abcdef'
const { db, disconnectDb } = await import('../../server/core/db/index.ts')
const { startRealtimeServer } = await import('../../realtime/index.ts')
const { signTicket } = await import('../../server/realtime-tickets/index.ts')

const sql = new pg.Client({ connectionString: database.url })
await sql.connect()
const personIds = (await sql.query(
  `INSERT INTO "Person"(id, account, name, "namePinyin", "nameInitials", "updatedAt")
   SELECT gen_random_uuid(), 'revoke' || i, '编辑' || i, 'bianji' || i, 'bj', now() FROM generate_series(1, $1::int) AS i RETURNING id`,
  [people],
)).rows.map((r) => r.id as string)
// One session per connection (a person on many tabs and devices).
const sessions = Array.from({ length: connections }, (_, i) => ({ id: `revoke-${i}`, personId: personIds[i % people]! }))
await sql.query(
  `INSERT INTO "Session"(id, "personId", "csrfToken", "lastSeenAt", "expiresAt")
   SELECT s.id, s.person::uuid, 'x', now(), now() + interval '1 day' FROM unnest($1::text[], $2::text[]) AS s(id, person)`,
  [sessions.map((s) => s.id), sessions.map((s) => s.personId)],
)

const server = await startRealtimeServer({ db: db(), redisUrl: null, recheckMs: Number(opt['recheck-ms']) })
const secret = Buffer.from(process.env.REALTIME_SECRET)
const closedAt = new Map<string, number[]>()
const sockets: { personId: string; ws: WebSocket }[] = []
console.log(`Opening ${connections} connections…`)
for (let i = 0; i < connections; i += 50) {
  await Promise.all(sessions.slice(i, i + 50).map((s, j) => new Promise<void>((resolve, reject) => {
    const doc = `revoke-doc-${(i + j) % Number(opt.docs)}`
    const ticket = signTicket(secret, { doc, personId: s.personId, sessionId: s.id, name: '编辑', right: 'edit' }, 3_600_000)
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/${doc}?ticket=${ticket}`)
    ws.on('open', () => resolve())
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.on('error', () => undefined)
    ws.on('close', () => {
      const list = closedAt.get(s.personId) ?? []
      list.push(Date.now())
      closedAt.set(s.personId, list)
    })
    sockets.push({ personId: s.personId, ws })
  })))
}

const perPerson = (id: string) => sockets.filter((s) => s.personId === id).length
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)] ?? null, worst: sorted.at(-1) ?? null, sockets: sorted.length }
}
async function measure(victims: string[], act: () => Promise<void>): Promise<number[]> {
  const started = Date.now()
  await act()
  const deadline = started + 30_000
  while (!victims.every((id) => (closedAt.get(id)?.length ?? 0) >= perPerson(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
  return victims.flatMap((id) => (closedAt.get(id) ?? []).map((t) => t - started))
}

const triggerVictims = personIds.slice(0, revoke)
const trigger = await measure(triggerVictims, async () => {
  await sql.query(`DELETE FROM "Session" WHERE "personId" = ANY($1::uuid[])`, [triggerVictims])
})
const periodicVictims = personIds.slice(revoke, 2 * revoke)
const periodic = await measure(periodicVictims, async () => {
  await sql.query(`UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE "personId" = ANY($1::uuid[])`, [periodicVictims])
})
const stillOpen = sockets.filter((s) => !triggerVictims.includes(s.personId) && !periodicVictims.includes(s.personId) && s.ws.readyState === WebSocket.OPEN).length
console.log(JSON.stringify({ connections, people, recheckMs: Number(opt['recheck-ms']), trigger: stats(trigger), periodic: stats(periodic), othersStillOpen: stillOpen, rounds: server.watch.stats.rounds }, null, 2))

for (const s of sockets) s.ws.terminate()
await server.close()
await sql.end()
await disconnectDb()
await database.stop()
process.exit(0)
