import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { TestClock } from 'pg-boss'
import { Pool } from 'pg'
import { z } from 'zod'
import { clock } from './clock.ts'
import { config } from './config.ts'
import { defineJob, defineSweep, enqueue, HEARTBEAT_SECONDS, startJobs, stopJobs, SUPERVISE_SECONDS } from './jobs.ts'

// The project's jobs code (defineJob / defineSweep / startJobs / enqueue) on the real queue, with time
// moved by hand: pg-boss's TestClock drives its polling, retries and schedules (in JavaScript and in
// PostgreSQL's job_now()), and the platform's clock moves with it, so handlers see the same time.

const pool = new Pool({ connectionString: config().DATABASE_URL, max: 2 })
const sql = async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[]

let testClock: TestClock
async function startAt(at: Date, ...definitions: Parameters<typeof startJobs>[0][number][]) {
  clock.freeze(at)
  testClock = new TestClock(at)
  return startJobs(definitions, { url: config().DATABASE_URL, clock: testClock })
}
/** Move both clocks in steps of `step` ms until `done()` holds (or `limit` ms have passed on them). */
async function advanceUntil(done: () => boolean | Promise<boolean>, { step = 1_000, limit = 120_000 } = {}) {
  for (let moved = 0; moved <= limit; moved += step) {
    if (await done()) return moved
    clock.advance(step)
    await testClock.tick(step)
    // Handlers run after the poll that fetched them; give them a turn of the event loop.
    await new Promise((r) => setImmediate(r))
  }
  throw new Error(`not done after ${limit} ms`)
}
const jobStates = async (name: string) => (await sql<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = $1 ORDER BY created_on`, [name])).map((r) => r.state)

afterEach(async () => {
  await stopJobs()
  clock.reset()
})
afterAll(() => pool.end())

describe('jobs', () => {
  it('schedules a sweep once in Beijing time, however often the platform starts, and runs it when due, not before', async () => {
    const runs: Date[] = []
    const sweep = defineSweep({ name: 'test.morning-sweep', cron: '0 9 * * *', handler: async () => void runs.push(clock.now()) })
    // 08:58 in Beijing (00:58 UTC): the sweep is due at 09:00 Beijing time, 01:00 UTC.
    const start = new Date('2026-12-03T00:58:00Z')
    await startAt(start, sweep)
    await startJobs([sweep], { url: config().DATABASE_URL }) // a second start (a restart, a second instance in this process)
    expect(await sql(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [sweep.name])).toEqual([{ cron: '0 9 * * *', timezone: 'Asia/Shanghai' }])
    expect(await sql(`SELECT policy FROM pgboss.queue WHERE name = $1`, [sweep.name])).toEqual([{ policy: 'stately' }])

    clock.advance(60_000)
    await testClock.tick(60_000) // 08:59: not yet
    expect(runs).toEqual([])
    await advanceUntil(() => runs.length > 0, { step: 5_000 })
    expect(runs).toHaveLength(1)
    expect(runs[0]!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-03T01:00:00Z'))
    // Another ten minutes: still once (the next run is tomorrow).
    await expect(advanceUntil(() => runs.length > 1, { step: 30_000, limit: 600_000 })).rejects.toThrow(/not done/)
    expect(runs).toHaveLength(1)
  })

  it('retries a failing job with its retry limit, then completes it; one that keeps failing ends failed', async () => {
    let flakyCalls = 0
    const flaky = defineJob({
      name: 'test.flaky', payload: z.object({ n: z.number() }), retryLimit: 3,
      async handler({ n }) {
        flakyCalls++
        if (flakyCalls < 3) throw new Error(`attempt ${flakyCalls} for ${n} fails`)
      },
    })
    let brokenCalls = 0
    const broken = defineJob({ name: 'test.broken', payload: z.object({}), retryLimit: 1, handler: async () => { brokenCalls++; throw new Error('always') } })
    await startAt(new Date('2026-12-03T02:00:00Z'), flaky, broken)
    await enqueue(flaky, { n: 7 })
    await enqueue(broken, {})

    await advanceUntil(async () => (await jobStates(flaky.name))[0] === 'completed' && (await jobStates(broken.name))[0] === 'failed')
    expect(flakyCalls).toBe(3)
    // retryLimit 1: the first attempt and one retry.
    expect(brokenCalls).toBe(2)
    expect(await sql(`SELECT retry_count FROM pgboss.job WHERE name = $1`, [flaky.name])).toEqual([{ retry_count: 2 }])
  })

  it('never hands a handler a payload its schema refuses', async () => {
    const seen: unknown[] = []
    const strict = defineJob({ name: 'test.strict', payload: z.object({ personIds: z.array(z.uuid()) }), retryLimit: 0, handler: async (data) => void seen.push(data) })
    await startAt(new Date('2026-12-03T03:00:00Z'), strict)
    await enqueue(strict, { personIds: ['not-a-uuid'] })
    await enqueue(strict, { personIds: ['01900000-0000-7000-8000-000000000000'] })
    await advanceUntil(async () => (await jobStates(strict.name)).every((s) => s === 'completed' || s === 'failed') && (await jobStates(strict.name)).length === 2)
    expect(await jobStates(strict.name)).toEqual(['failed', 'completed'])
    expect(seen).toEqual([{ personIds: ['01900000-0000-7000-8000-000000000000'] }])
  })
  it('takes over a job claimed by an instance that died: retried here once its heartbeat is stale, not after the 15-minute expiry', async () => {
    const runs: Date[] = []
    const sweep = defineSweep({ name: 'test.orphaned-sweep', cron: '0 4 * * *', handler: async () => void runs.push(clock.now()) })
    const at = new Date('2026-12-03T04:00:00Z')
    // The other instance claims the job and dies before finishing it: it fetches the job (active, as
    // a worker's claim leaves it) and never completes it or refreshes its heartbeat.
    clock.freeze(at)
    testClock = new TestClock(at)
    const other = await startJobs([sweep], { url: config().DATABASE_URL, clock: testClock, work: false })
    await enqueue(sweep, {})
    expect(await other.fetch(sweep.name)).toHaveLength(1)
    await stopJobs()
    expect(await jobStates(sweep.name)).toEqual(['active'])
    // The survivor: its supervisor fails the orphan once the heartbeat is stale, and its worker runs the retry.
    await startAt(at, sweep)
    const moved = await advanceUntil(() => runs.length > 0, { step: 1_000, limit: 20 * 60_000 })
    expect(moved).toBeLessThanOrEqual((HEARTBEAT_SECONDS + 2 * SUPERVISE_SECONDS) * 1000)
    await advanceUntil(async () => (await jobStates(sweep.name))[0] === 'completed')
    expect(runs).toHaveLength(1)
  }, 180_000)
})
