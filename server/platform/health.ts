import type { Db } from '../core/db/index.ts'

export type Health = { status: 'ok' | 'degraded'; database: { isUp: boolean; latencyMs: number; error?: string }; version: string }

export async function checkHealth(db: Db, version: string): Promise<Health> {
  const started = performance.now()
  try {
    await db.$queryRaw`SELECT 1`
    return { status: 'ok', database: { isUp: true, latencyMs: Math.round(performance.now() - started) }, version }
  } catch (error) {
    return {
      status: 'degraded',
      database: { isUp: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message.split('\n')[0]! : 'unknown' },
      version,
    }
  }
}
