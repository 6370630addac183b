import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { createDb } from '../server/core/db/index.ts'
import { listInbox } from '../server/inbox/index.ts'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { percentile } from './directory-search.ts'

const summarize = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s.at(-1)!.toFixed(2) }
}

/** The first inbox page (and a filtered one) for a person with 50,000 items. */
export async function benchInboxPage(url: string, personId: string, items = 50_000) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('DELETE FROM "InboxItem" WHERE "personId" = $1', [personId])
  await client.query(
    `INSERT INTO "InboxItem"(id, "personId", kind, module, "objectType", "objectId", title, source, url, urgency, state, "createdAt", "dueAt")
     SELECT gen_random_uuid(), $1, (CASE WHEN i % 3 = 0 THEN 'TODO' ELSE 'TO_READ' END)::"InboxKind", 'notice', 'Notice', i::text,
            '关于第' || i || '号事项的通知', '办公室', '/notices/' || i,
            (CASE WHEN i % 10 = 0 THEN 'URGENT' ELSE 'NORMAL' END)::"Urgency",
            (CASE WHEN i % 4 = 0 THEN 'DONE' ELSE 'OPEN' END)::"InboxState",
            now() - (i || ' minutes')::interval, now() + ((i % 200 - 100) || ' hours')::interval
       FROM generate_series(1, $2::int) AS i`,
    [personId, items],
  )
  await client.query('ANALYZE "InboxItem"')
  await client.end()
  const db = createDb(url, 4)
  const measure = async (filter: Parameters<typeof listInbox>[2]) => {
    for (let i = 0; i < 30; i++) await listInbox(db, personId, filter)
    const times: number[] = []
    for (let i = 0; i < 500; i++) {
      const started = performance.now()
      await listInbox(db, personId, filter)
      times.push(performance.now() - started)
    }
    return summarize(times)
  }
  const result = {
    todo: await measure({ view: 'todo' }),
    toread: await measure({ view: 'toread' }),
    urgentOverdue: await measure({ view: 'todo', urgency: 'URGENT', dueBefore: new Date() }),
  }
  await db.$disconnect()
  return result
}

/**
 * A notice to about 10,000 recipients, timed end to end in its own process (recipients, inbox items
 * and mail queued in one transaction), while 10 clients keep reading from the read-by-id server;
 * their latencies before and during the fan-out are reported.
 */
export async function benchNoticeFanOut(url: string, sender: { id: string }, readUrl: string, cookie: string, ids: string[]) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const units = (await client.query(`SELECT u.id FROM "Unit" u WHERE u.depth = 1 ORDER BY u.id LIMIT 15`)).rows.map((r) => r.id as string)
  await client.query(`UPDATE "Person" SET email = account || '@bench.example' WHERE email IS NULL AND account LIKE 'bench%'`)
  const root = (await client.query(`SELECT id FROM "Unit" WHERE "parentId" IS NULL`)).rows[0].id
  const role = (await client.query(`INSERT INTO "Role"(id, key, name, "nameEn", permissions, "updatedAt") VALUES (gen_random_uuid(), 'bench-sender-' || floor(random()*1e9), '基准发送', 'bench', ARRAY['notice.send'], now()) RETURNING id`)).rows[0].id
  await client.query(`INSERT INTO "RoleGrant"(id, "personId", "roleId", "unitId") VALUES (gen_random_uuid(), $1, $2, $3)`, [sender.id, role, root])
  await client.end()

  let running = true
  const latencies: number[] = []
  let n = 0
  const reader = async () => {
    while (running) {
      const started = performance.now()
      const r = await fetch(`${readUrl}${ids[n++ % ids.length]}`, { headers: { cookie } })
      await r.arrayBuffer()
      latencies.push(performance.now() - started)
    }
  }
  const readers = Array.from({ length: 10 }, reader)
  await new Promise((r) => setTimeout(r, 1000))
  const baseline = latencies.splice(0)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fan-out-child.ts')], {
    env: { ...process.env, DATABASE_URL: url, SENDER_ID: sender.id, UNIT_IDS: units.join(','), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  await new Promise((r) => child.once('exit', r))
  const during = latencies.splice(0)
  running = false
  await Promise.all(readers)
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as { recipients: number; mailsQueued: number; seconds: number }
  return { ...result, readsBefore: summarize(baseline), readsDuringFanOut: summarize(during) }
}
