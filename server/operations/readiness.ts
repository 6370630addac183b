/**
 * Readiness for a load balancer (`GET /api/ready`): this instance can serve now — its database
 * answers, and Redis too when REDIS_URL is set (live messaging and co-editing fan-out need it) — and
 * it is not shutting down (`draining`: 503, so the balancer sends new requests elsewhere while the
 * ones in flight finish). `/api/health` stays the liveness check (the process answers at all).
 */
import { Redis } from 'ioredis'
import pg from 'pg'
import { config } from '../core/config.ts'

export type Readiness = {
  status: 'ready' | 'not_ready' | 'draining'
  /** Absent while draining (not checked: the answer is 503 whatever they say). */
  database?: { isUp: boolean; latencyMs: number }
  redis?: { isUp: boolean; latencyMs: number }
}

const CHECK_TIMEOUT_MS = 2000

const holder = globalThis as unknown as { __xietongReadyRedis?: { url: string; client: Redis }; __xietongReadyDb?: { url: string; pool: pg.Pool } }

/**
 * The database check has a connection of its own. Through the process's pool it queued behind the
 * requests it serves: an instance carrying a burst alone (the other one just died) waited seconds
 * for a pooled connection, answered not_ready past CHECK_TIMEOUT_MS, and a load balancer took the
 * only survivor out (e2e/two-instances.spec.ts saw its probe time out right after the SIGKILL).
 * Readiness asks "does the database answer", not "is my pool idle".
 */
function databaseFor(url: string): pg.Pool {
  if (holder.__xietongReadyDb?.url !== url) {
    void holder.__xietongReadyDb?.pool.end().catch(() => undefined)
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: CHECK_TIMEOUT_MS, application_name: 'xietong-readiness' })
    pool.on('error', () => undefined) // a dropped idle connection: the next check opens another
    holder.__xietongReadyDb = { url, pool }
  }
  return holder.__xietongReadyDb.pool
}

function redisFor(url: string): Redis {
  if (holder.__xietongReadyRedis?.url !== url) {
    holder.__xietongReadyRedis?.client.disconnect()
    // Fails fast while Redis is away instead of queueing the PING until it is back.
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: CHECK_TIMEOUT_MS })
    client.on('error', () => undefined)
    holder.__xietongReadyRedis = { url, client }
  }
  return holder.__xietongReadyRedis.client
}

async function timed(check: () => Promise<unknown>): Promise<{ isUp: boolean; latencyMs: number }> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS)))])
    return { isUp: true, latencyMs: Math.round(performance.now() - started) }
  } catch {
    return { isUp: false, latencyMs: Math.round(performance.now() - started) }
  } finally {
    clearTimeout(timer)
  }
}

export async function checkReadiness(options: { databaseUrl?: string; redisUrl?: string; draining: boolean }): Promise<Readiness> {
  if (options.draining) return { status: 'draining' }
  const redis = options.redisUrl ? redisFor(options.redisUrl) : undefined
  const database = databaseFor(options.databaseUrl ?? config().DATABASE_URL)
  const [databaseCheck, redisCheck] = await Promise.all([
    timed(() => database.query('SELECT 1')),
    redis
      ? timed(async () => {
          if (redis.status === 'wait' || redis.status === 'end') await redis.connect()
          await redis.ping()
        })
      : Promise.resolve(undefined),
  ])
  const isReady = databaseCheck.isUp && (redisCheck?.isUp ?? true)
  return { status: isReady ? 'ready' : 'not_ready', database: databaseCheck, ...(redisCheck ? { redis: redisCheck } : {}) }
}

export function closeReadinessChecks(): void {
  holder.__xietongReadyRedis?.client.disconnect()
  holder.__xietongReadyRedis = undefined
  void holder.__xietongReadyDb?.pool.end().catch(() => undefined)
  holder.__xietongReadyDb = undefined
}
