/**
 * Platform-wide gauges, the same whichever process is asked: the job queues' depth (pg-boss's job
 * table, by queue and state). Rendered by the process answering the scrape, apart from the per-process
 * registry (summing it over web processes would multiply it). At most one count per 5 s.
 */
import { Gauge, Registry } from 'prom-client'
import type { Db } from '../core/db/index.ts'

const FRESH_MS = 5000

type Row = { name: string; state: string; count: bigint; oldest: number | null }

export function platformGauges(db: Db): Registry {
  const registry = new Registry()
  let cached: { at: number; rows: Promise<Row[]> } | undefined
  const rows = () => {
    if (!cached || Date.now() - cached.at > FRESH_MS) {
      cached = {
        at: Date.now(),
        rows: db.$queryRawUnsafe<Row[]>(
          `SELECT name, state::text AS state, count(*) AS count,
                  extract(epoch FROM now() - min(created_on))::float8 AS oldest
             FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
        ).catch(() => []),
      }
    }
    return cached.rows
  }
  new Gauge({
    name: 'xietong_job_queue_depth',
    help: 'Jobs waiting (created, retry) or running (active), by queue',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      for (const row of await rows()) this.set({ queue: row.name, state: row.state }, Number(row.count))
    },
  })
  new Gauge({
    name: 'xietong_job_queue_oldest_seconds',
    help: 'Age of the oldest waiting or running job, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      const oldest = new Map<string, number>()
      for (const row of await rows()) oldest.set(row.name, Math.max(oldest.get(row.name) ?? 0, row.oldest ?? 0))
      for (const [queue, seconds] of oldest) this.set({ queue }, seconds)
    },
  })
  return registry
}
