/**
 * Readiness for a load balancer (`GET /api/ready`): this instance can serve now — its database
 * answers, and Redis too when REDIS_URL is set (live messaging and co-editing fan-out need it) — and
 * it is not shutting down (`draining`: 503, so the balancer sends new requests elsewhere while the
 * ones in flight finish). `/api/health` stays the liveness check (the process answers at all).
 */
import { Redis } from 'ioredis'
import type { Db } from '../core/db/index.ts'

export type Readiness = {
  status: 'ready' | 'not_ready' | 'draining'
  /** Absent while draining (not checked: the answer is 503 whatever they say). */
  database?: { isUp: boolean; latencyMs: number }
  redis?: { isUp: boolean; latencyMs: number }
}

const CHECK_TIMEOUT_MS = 2000

const holder = globalThis as unknown as { __xietongReadyRedis?: { url: string; client: Redis } }

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

export async function checkReadiness(db: Db, options: { redisUrl?: string; draining: boolean }): Promise<Readiness> {
  if (options.draining) return { status: 'draining' }
  const redis = options.redisUrl ? redisFor(options.redisUrl) : undefined
  const [database, redisCheck] = await Promise.all([
    timed(() => db.$queryRaw`SELECT 1`),
    redis
      ? timed(async () => {
          if (redis.status === 'wait' || redis.status === 'end') await redis.connect()
          await redis.ping()
        })
      : Promise.resolve(undefined),
  ])
  const isReady = database.isUp && (redisCheck?.isUp ?? true)
  return { status: isReady ? 'ready' : 'not_ready', database, ...(redisCheck ? { redis: redisCheck } : {}) }
}

export function closeReadinessChecks(): void {
  holder.__xietongReadyRedis?.client.disconnect()
  holder.__xietongReadyRedis = undefined
}
