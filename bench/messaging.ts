/**
 * Messaging benchmarks (figures in DEVELOPERS.md "Messaging").
 *   tsx bench/messaging.ts db   [--messages 1000000]   a big message table: history page, search, unread counts
 *   tsx bench/messaging.ts live [--clients 2000 --conversations 200 --rate 50 --seconds 60]
 *                                live delivery latency through the hub (clients in a child process)
 * Uses DATABASE_URL's server (a fresh database, dropped after) or an embedded PostgreSQL.
 */
import { fork } from 'node:child_process'
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { freshBenchDatabase } from './database.ts'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    messages: { type: 'string', default: '1000000' }, clients: { type: 'string', default: '2000' }, conversations: { type: 'string', default: '200' },
    rate: { type: 'string', default: '50' }, seconds: { type: 'string', default: '60' },
  },
})
const part = positionals[0] ?? 'db'

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0
}
const ms = (n: number) => Math.round(n * 100) / 100

const WORDS = ['会议', '预算', '通知', '督办', '材料', '汇总', '报送', '安排', '落实', '情况', '工作', '部门', '值班', '防汛', '检查', '方案', '经费', '审核', '文件', '领导',
  '今天', '下午', '明天', '周五', '请', '各位', '收到', '已经', '马上', '处理', '进度', '反馈', '意见', '修改', '附件', '签字', '项目', '调研', '培训', '考核']
function sentence(rand: () => number): string {
  const n = 6 + Math.floor(rand() * 10)
  let s = ''
  for (let i = 0; i < n; i++) s += WORDS[Math.floor(rand() * WORDS.length)]
  return rand() < 0.05 ? `${s}，附件PDF见2026年版` : `${s}。`
}
function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

async function people(client: pg.Client, n: number): Promise<string[]> {
  const unit = randomUUID()
  await client.query(`INSERT INTO "Unit" (id, name, "shortName", kind, path, depth, "updatedAt") VALUES ($1, '测试单位', '测试', 'DEPARTMENT', $2, 0, now())`, [unit, `/${unit}/`])
  const ids = Array.from({ length: n }, () => randomUUID())
  await client.query(`INSERT INTO "Person" (id, account, name, "namePinyin", "nameInitials", "updatedAt")
    SELECT id, 'bench' || ord, '人员' || ord, 'renyuan', 'ry', now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`, [ids])
  await client.query(`INSERT INTO "Post" (id, "personId", "unitId", title) SELECT gen_random_uuid(), id, $2, '科员' FROM unnest($1::uuid[]) AS t(id)`, [ids, unit])
  return ids
}

async function dbPart() {
  const total = Number(values.messages)
  const database = await freshBenchDatabase({ name: 'messaging', dataDir: 'bench-postgres', port: Number(process.env.BENCH_PG_PORT ?? 54369), log: console.log })
  process.env.DATABASE_URL = database.url
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    // One person in 300 topic conversations; 1,700 more conversations of others; messages spread over all.
    const [me, ...others] = await people(client, 51)
    const conversations = Array.from({ length: 2000 }, () => randomUUID())
    await client.query(`INSERT INTO "Conversation" (id, kind, title) SELECT id, 'TOPIC', '群' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`, [conversations])
    const mine = conversations.slice(0, 300)
    await client.query(`INSERT INTO "ConversationMember" ("conversationId", "personId") SELECT c, $2 FROM unnest($1::uuid[]) AS t(c)`, [mine, me])
    await client.query(`INSERT INTO "ConversationMember" ("conversationId", "personId") SELECT c, p FROM unnest($1::uuid[]) AS t(c), unnest($2::uuid[]) AS u(p)`, [conversations, others.slice(0, 5)])
    const { documentTokens } = await import('../server/messaging/search-tokens.ts')
    const lit = (tokens: string[]) => tokens.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ')
    // Loaded without the search index, which is built once afterwards (as a restore would).
    await client.query(`DROP INDEX "Message_searchTsv_idx"`)
    const rand = seeded(42)
    const seqs = new Map<string, number>()
    const started = performance.now()
    const batch = 10_000
    for (let done = 0; done < total; done += batch) {
      const cs: string[] = [], ss: number[] = [], ts: string[] = [], vs: string[] = [], senders: string[] = [], at: string[] = []
      for (let i = 0; i < Math.min(batch, total - done); i++) {
        const c = conversations[Math.floor(rand() * conversations.length)]!
        const seq = (seqs.get(c) ?? 0) + 1
        seqs.set(c, seq)
        const text = sentence(rand)
        cs.push(c); ss.push(seq); ts.push(text); vs.push(lit(documentTokens(text))); senders.push(others[Math.floor(rand() * 5)]!)
        at.push(new Date(Date.UTC(2026, 5, 1) + (done + i) * 10_000).toISOString())
      }
      await client.query(`INSERT INTO "Message" (id, "conversationId", seq, "clientId", "senderId", text, "createdAt", "searchTsv")
        SELECT gen_random_uuid(), c, s, gen_random_uuid()::text, p, t, a, v::tsvector FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[]) AS x(c, s, t, v, p, a)`,
      [cs, ss, ts, vs, senders, at])
      if ((done / batch) % 10 === 0) console.log(`  ${done + cs.length} messages (${Math.round((performance.now() - started) / 1000)} s)`)
    }
    await client.query(`UPDATE "Conversation" c SET "lastSeq" = x.s, "lastMessageAt" = now() FROM (SELECT "conversationId", max(seq) AS s FROM "Message" GROUP BY 1) x WHERE x."conversationId" = c.id`)
    await client.query(`INSERT INTO "ConversationState" ("conversationId", "personId", "readSeq") SELECT c, $2, 3 FROM unnest($1::uuid[]) AS t(c)`, [mine.slice(0, 200), me])
    const indexStarted = performance.now()
    await client.query(`CREATE INDEX "Message_searchTsv_idx" ON "Message" USING GIN ("searchTsv")`)
    const indexSeconds = (performance.now() - indexStarted) / 1000
    await client.query('ANALYZE')
    const size = await client.query(`SELECT pg_size_pretty(pg_relation_size('"Message_searchTsv_idx"')) AS gin, pg_size_pretty(pg_total_relation_size('"Message"')) AS total`)
    console.log(`loaded ${total} messages in ${Math.round((performance.now() - started) / 1000)} s; search index built in ${Math.round(indexSeconds)} s (${size.rows[0].gin}; table with indexes ${size.rows[0].total})`)

    const { db } = await import('../server/core/db/index.ts')
    const { listMessages, searchMessages, unreadCounts } = await import('../server/messaging/index.ts')
    const { actorOf } = await import('../server/auth/index.ts')
    const actor = (await actorOf(db(), me!))!
    const time = async (n: number, f: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await f(i)
      const xs: number[] = []
      for (let i = 0; i < n; i++) {
        const t0 = performance.now()
        await f(i)
        xs.push(performance.now() - t0)
      }
      return { p50: ms(pct(xs, 50)), p95: ms(pct(xs, 95)), max: ms(Math.max(...xs)) }
    }
    const result = {
      messages: total,
      historyPage: await time(200, (i) => listMessages(db(), actor, mine[i % 300]!, { limit: 50, ...(i % 2 ? { before: 100 + (i % 50) } : {}) })),
      unreadCounts300: await time(200, () => unreadCounts(db(), actor)),
      searchCommon2: await time(50, () => searchMessages(db(), actor, { q: '预算' })),
      searchRare: await time(50, () => searchMessages(db(), actor, { q: '2026年' })),
      searchLatin: await time(50, () => searchMessages(db(), actor, { q: 'PDF' })),
      searchOneChar: await time(50, () => searchMessages(db(), actor, { q: '预' })),
    }
    // The plans behind the figures (the statements listMessages and unreadCounts run), for DEVELOPERS.md.
    const { Prisma } = await import('../server/core/db/index.ts')
    const { messagingPolicy } = await import('../server/messaging/index.ts')
    const { MESSAGE_SELECT, MESSAGE_JOINS } = await import('../server/messaging/views.ts')
    const plan = async (label: string, query: ReturnType<typeof Prisma.sql>) => {
      const rows = await db().$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query}`)
      console.log(`-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`)
    }
    await plan('history page', Prisma.sql`SELECT ${Prisma.raw(MESSAGE_SELECT)} FROM "Message" m ${Prisma.raw(MESSAGE_JOINS)}
      WHERE m."conversationId" = ${mine[7]!}::uuid AND m.seq < 2147483647 ORDER BY m.seq DESC LIMIT 50`)
    const where = await messagingPolicy.memberSql(db(), actor)
    await plan('unread counts', Prisma.sql`SELECT c.id::text AS id, GREATEST(c."lastSeq" - COALESCE(s."readSeq", 0), 0)::int AS unread, COALESCE(s.muted, false) AS muted
      FROM "Conversation" c LEFT JOIN "ConversationState" s ON s."conversationId" = c.id AND s."personId" = ${actor.personId}::uuid WHERE ${where}`)
    const count = await client.query(`SELECT count(*)::int AS n FROM "Message" WHERE "searchTsv" @@ '''预算'''::tsquery`)
    console.log(JSON.stringify({ ...result, rowsWith预算: count.rows[0].n }, null, 2))
    const { disconnectDb } = await import('../server/core/db/index.ts')
    await disconnectDb()
  } finally {
    await client.end()
    await database.stop()
  }
}

async function livePart() {
  const clients = Number(values.clients), conversationCount = Number(values.conversations), rate = Number(values.rate), seconds = Number(values.seconds)
  const database = await freshBenchDatabase({ name: 'messaging_live', dataDir: 'bench-postgres', port: Number(process.env.BENCH_PG_PORT ?? 54369), log: console.log })
  process.env.DATABASE_URL = database.url
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  const ids = await people(client, clients)
  // Ten conversations of 500 members, the rest of 10.
  const conversations = Array.from({ length: conversationCount }, () => randomUUID())
  await client.query(`INSERT INTO "Conversation" (id, kind, title) SELECT id, 'TOPIC', '群' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`, [conversations])
  const pairs: [string, string][] = []
  conversations.forEach((c, i) => {
    const size = i < 10 ? 500 : 10
    for (let k = 0; k < size; k++) pairs.push([c, ids[(i * 197 + k) % clients]!])
  })
  await client.query(`INSERT INTO "ConversationMember" ("conversationId", "personId") SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [pairs.map((p) => p[0]), pairs.map((p) => p[1])])
  const sessions = ids.map(() => `bench-${randomUUID()}`)
  await client.query(`INSERT INTO "Session" (id, "personId", "csrfToken", "lastSeenAt", "expiresAt") SELECT s, p, 'x', now(), now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS t(s, p)`, [sessions, ids])

  const { db, disconnectDb } = await import('../server/core/db/index.ts')
  const { startMessagingHub, sendMessage, MESSAGING_TICKET_DOC } = await import('../server/messaging/index.ts')
  const { signTicket, ticketSecret } = await import('../server/realtime-tickets/index.ts')
  const { actorOf } = await import('../server/auth/index.ts')
  const hub = await startMessagingHub({ db: db(), redisUrl: null })
  const server = http.createServer((_q, r) => r.writeHead(404).end())
  server.on('upgrade', (req, socket, head) => { if (!hub.handleUpgrade(req, socket, head)) socket.destroy() })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  const secret = await ticketSecret(db())
  const tickets = ids.map((personId, i) => signTicket(secret, { doc: MESSAGING_TICKET_DOC, personId, sessionId: sessions[i]!, name: 'b', right: 'read' }, 3_600_000))

  const child = fork(path.join(import.meta.dirname, 'messaging-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  const ask = <T>(message: Record<string, unknown>) => new Promise<T>((resolve) => {
    child.once('message', (m) => resolve(m as T))
    child.send(message)
  })
  const connectStarted = performance.now()
  const connected = await ask<{ retries: number }>({ t: 'connect', url: `ws://127.0.0.1:${port}/api/messaging/socket`, origin: `http://127.0.0.1:${port}`, tickets })
  console.log(`${clients} clients connected and ready in ${Math.round(performance.now() - connectStarted)} ms (${connected.retries} upgrades retried); hub: ${hub.stats.conversations()} conversations, ${hub.stats.people()} people`)

  const senders = new Map<string, Awaited<ReturnType<typeof actorOf>>>()
  const cpu0 = process.cpuUsage()
  const rss: number[] = []
  const stop = performance.now() + seconds * 1000
  let sent = 0
  const tick = 1000 / rate
  let next = performance.now()
  while (performance.now() < stop) {
    const i = Math.floor(Math.random() * conversationCount)
    const c = conversations[i]!
    const sender = ids[(i * 197) % clients]!
    if (!senders.has(sender)) senders.set(sender, await actorOf(db(), sender))
    void sendMessage(db(), senders.get(sender)!, c, { clientId: randomUUID(), text: `t=${Date.now()}` })
    sent++
    if (sent % (rate * 10) === 0) rss.push(process.memoryUsage().rss)
    next += tick
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())))
  }
  await new Promise((r) => setTimeout(r, 2000))
  const cpu = process.cpuUsage(cpu0)
  const stats = await ask<{ latencies: number[]; received: number; childCpuMs: number; childRss: number }>({ t: 'stats' })
  console.log(JSON.stringify({
    clients, conversations: conversationCount, rate, seconds, sent, delivered: stats.received,
    deliveryMs: { p50: pct(stats.latencies, 50), p99: pct(stats.latencies, 99), max: Math.max(...stats.latencies) },
    serverCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100),
    serverRssMb: Math.round(Math.max(...rss, process.memoryUsage().rss) / 1048576),
    clientsCpuPercent: Math.round((stats.childCpuMs / (seconds * 1000)) * 100), clientsRssMb: Math.round(stats.childRss / 1048576),
  }, null, 2))
  child.kill()
  await hub.close()
  server.close()
  await client.end()
  await disconnectDb()
  await database.stop()
}

await (part === 'live' ? livePart() : dbPart())
process.exit(0)
