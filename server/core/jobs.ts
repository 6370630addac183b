/**
 * Durable background jobs on PostgreSQL (pg-boss, in its own `pgboss` schema). Modules define jobs
 * with a name, a zod payload and a handler; the platform (or `npm run worker`) starts the workers.
 * Jobs survive restarts; with several instances a job runs once (SKIP LOCKED); scheduled jobs use
 * the queue policy "stately", so a slow run is never overlapped by the next.
 */
import { PgBoss, type Clock } from 'pg-boss'
import { z, type ZodType } from 'zod'
import { config } from './config.ts'
import { logger } from './logger.ts'

export type JobDefinition<T = unknown> = {
  name: string
  payload: ZodType<T>
  handler: (data: T) => Promise<void>
  /** Cron in Asia/Shanghai time, for recurring jobs. */
  cron?: string
  retryLimit?: number
  /** 'stately': at most one queued and one running (sweeps); 'standard': every job runs. */
  policy?: 'standard' | 'stately'
}

// Job lists hold jobs of different payload types; each handler gets its own parsed payload.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>

export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition
}

/** A recurring job without a payload that must never overlap itself (a sweep). */
export function defineSweep(definition: { name: string; cron: string; handler: () => Promise<void> }): JobDefinition<Record<string, unknown>> {
  return { ...definition, payload: z.object({}).passthrough(), policy: 'stately' }
}

/**
 * A job claimed by an instance that then died (SIGKILL, a lost machine) stays `active` until pg-boss
 * gives up on it: by default after its 15-minute expiry, and a stately sweep (mail delivery, the
 * metrics aggregation) cannot start again on the surviving instance meanwhile. With a heartbeat, the
 * worker running a job refreshes it every HEARTBEAT_SECONDS / 2, and the supervisor of any instance
 * (every SUPERVISE_SECONDS; pg-boss looks at a queue once per monitor interval, so both are set)
 * fails a job whose heartbeat stopped, so it is retried — by a survivor —
 * within HEARTBEAT_SECONDS + SUPERVISE_SECONDS.
 */
export const HEARTBEAT_SECONDS = 20
export const SUPERVISE_SECONDS = 10

const holder = globalThis as unknown as { __xietongBoss?: { url: string; boss: PgBoss; started: Promise<PgBoss> } }

function bossFor(url: string, clock?: Clock): Promise<PgBoss> {
  if (holder.__xietongBoss?.url !== url) {
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, application_name: 'xietong-jobs', superviseIntervalSeconds: SUPERVISE_SECONDS, monitorIntervalSeconds: SUPERVISE_SECONDS, ...(clock ? { clock } : {}) })
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
    holder.__xietongBoss = { url, boss, started: boss.start() }
  }
  return holder.__xietongBoss.started
}

/** Queue a job (after the change that needs it has committed). */
export async function enqueue<T>(job: JobDefinition<T>, data: T, options: { startAfter?: Date | number; singletonKey?: string } = {}): Promise<void> {
  const boss = await bossFor(config().DATABASE_URL)
  await boss.send(job.name, data as object, options)
}

/**
 * Create the queues and schedules, and (unless `work: false`) process jobs in this process.
 * `clock`: tests only, a pg-boss `TestClock` that moves polling, retries and schedules by hand.
 */
export async function startJobs(definitions: readonly AnyJob[], options: { work?: boolean; url?: string; clock?: Clock } = {}): Promise<PgBoss> {
  const boss = await bossFor(options.url ?? config().DATABASE_URL, options.clock)
  for (const job of definitions) {
    await boss.createQueue(job.name, { policy: job.policy ?? 'standard', retryLimit: job.retryLimit ?? 3, retryBackoff: true, heartbeatSeconds: HEARTBEAT_SECONDS })
    // Queues made before the heartbeat existed (createQueue leaves an existing queue as it is).
    await boss.updateQueue(job.name, { heartbeatSeconds: HEARTBEAT_SECONDS })
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai' })
    if (options.work === false) continue
    await boss.work<unknown>(job.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const j of jobs) await job.handler(job.payload.parse(j.data ?? {}))
    })
  }
  return boss
}

export async function stopJobs(): Promise<void> {
  const current = holder.__xietongBoss
  holder.__xietongBoss = undefined
  // Graceful: jobs running now finish (up to SHUTDOWN_TIMEOUT_MS, default 20 s) before pg-boss stops.
  if (current) await (await current.started).stop({ graceful: true, timeout: Number(process.env.SHUTDOWN_TIMEOUT_MS) || 20_000 })
}
