import { describe, expect, it } from 'vitest'
import { PgBoss } from 'pg-boss'
import { config } from './config.ts'

// Two workers (as two app instances would run) on one queue: every job runs exactly once.
describe('job queue', () => {
  it('runs each of 41 jobs exactly once across two workers', async () => {
    const url = config().DATABASE_URL
    const [one, two] = [new PgBoss({ connectionString: url, schema: 'pgboss' }), new PgBoss({ connectionString: url, schema: 'pgboss' })]
    await one.start()
    await two.start()
    try {
      await one.createQueue('test.exactly-once')
      const runs: Record<string, string[]> = {}
      const handler = (worker: string) => async (jobs: { data: { n: number } }[]) => {
        for (const job of jobs) (runs[job.data.n] ??= []).push(worker)
      }
      await one.work<{ n: number }>('test.exactly-once', { pollingIntervalSeconds: 0.5, batchSize: 3 }, handler('one'))
      await two.work<{ n: number }>('test.exactly-once', { pollingIntervalSeconds: 0.5, batchSize: 3 }, handler('two'))
      for (let n = 0; n < 41; n++) await one.send('test.exactly-once', { n })
      const until = Date.now() + 20_000
      while (Object.keys(runs).length < 41 && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
      expect(Object.keys(runs)).toHaveLength(41)
      expect(Object.values(runs).every((workers) => workers.length === 1)).toBe(true)
      // Both workers took part.
      expect(new Set(Object.values(runs).flat())).toEqual(new Set(['one', 'two']))
    } finally {
      await one.stop({ graceful: false })
      await two.stop({ graceful: false })
    }
  })

  it('keeps a delayed job across a restart and runs it when due', async () => {
    const url = config().DATABASE_URL
    const first = new PgBoss({ connectionString: url, schema: 'pgboss' })
    await first.start()
    await first.createQueue('test.delayed')
    await first.send('test.delayed', { reminder: '会议前提醒' }, { startAfter: 1 })
    await first.stop({ graceful: false })
    const second = new PgBoss({ connectionString: url, schema: 'pgboss' })
    await second.start()
    try {
      const got = await new Promise<unknown>((resolve) => {
        void second.work<{ reminder: string }>('test.delayed', { pollingIntervalSeconds: 0.5 }, async ([job]) => resolve(job!.data))
      })
      expect(got).toEqual({ reminder: '会议前提醒' })
    } finally {
      await second.stop({ graceful: false })
    }
  })
})
