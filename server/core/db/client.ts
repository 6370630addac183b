import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from './generated/client.ts'
import { config } from '../config.ts'

export type Db = PrismaClient
/** A transaction client; operations that must be atomic take one of these. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

/**
 * Interactive transactions wait up to 10 s for a pooled connection and may run 15 s (Prisma's defaults,
 * 2 s and 5 s, fail a burst of locked operations — 50 people numbering at once — with "Unable to start a
 * transaction" although each one takes milliseconds once it has its turn). Long work (compaction, imports)
 * passes its own options.
 */
const transactionOptions = { maxWait: 10_000, timeout: 15_000 }

export function createDb(url: string, poolSize = config().DATABASE_POOL_SIZE): Db {
  return createDbWithPool(url, poolSize).client
}

function createDbWithPool(url: string, poolSize: number): { client: Db; pool: pg.Pool } {
  // Our own pool (the adapter ends it on $disconnect), so its use can be measured (`poolStats`).
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  return { client: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions }), pool }
}

// One client per process (Next's dev server re-evaluates modules; keep the pool on globalThis).
const holder = globalThis as unknown as { __xietongDb?: { url: string; client: Db; pool?: pg.Pool } }

/** The process's database client, for DATABASE_URL as it is at first use. */
export function db(): Db {
  const url = config().DATABASE_URL
  if (!holder.__xietongDb || holder.__xietongDb.url !== url) {
    holder.__xietongDb = { url, ...createDbWithPool(url, config().DATABASE_POOL_SIZE) }
  }
  return holder.__xietongDb.client
}

/** The process client's pool (metrics): open, idle and waiting; undefined before first use. */
export function poolStats(): { total: number; idle: number; waiting: number; max: number } | undefined {
  const pool = holder.__xietongDb?.pool
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 } : undefined
}

export async function disconnectDb(): Promise<void> {
  await holder.__xietongDb?.client.$disconnect()
  holder.__xietongDb = undefined
}
