import type { Db } from '../core/db/index.ts'
import { addDays, clock, datesFrom, shanghaiDate, shanghaiInstant } from '../core/clock.ts'
import { aggregateDay } from './aggregate-day.ts'

/** How far back a first run (or a long outage) reaches: older days are left out, their sign-ins still count as 开通. */
export const BACKFILL_DAYS = 400

/**
 * The job's work: every day since the first account (at most `BACKFILL_DAYS` back) that has never been
 * aggregated, oldest first (activations carry forward), then yesterday again (late events) and today so
 * far. Each day is its own transaction.
 */
export async function aggregatePending(db: Db, now = clock.now()): Promise<{ days: string[] }> {
  const today = shanghaiDate(now)
  const floor = addDays(today, -BACKFILL_DAYS)
  const [first] = await db.$queryRaw<{ at: Date | null }[]>`SELECT min("createdAt") AS at FROM "Person"`
  if (!first?.at) return { days: [] }
  const start = shanghaiDate(first.at) > floor ? shanghaiDate(first.at) : floor
  const done = new Set((await db.$queryRaw<{ day: Date }[]>`SELECT day FROM "MetricsRun" WHERE day >= ${start}::date`).map((r) => r.day.toISOString().slice(0, 10)))
  const days = datesFrom(start, today).filter((d) => !done.has(d) || d >= addDays(today, -1))
  if (start === floor && !done.size) {
    // People who first signed in before the window are 开通 too: one pass over the older sign-ins.
    await db.$executeRaw`
      INSERT INTO "MetricsActivation" ("personId", day)
      SELECT "actorId", min("occurredAt" AT TIME ZONE 'Asia/Shanghai')::date FROM "AuditEvent"
       WHERE action = 'auth.sign_in' AND outcome = 'SUCCESS' AND "actorId" IS NOT NULL AND "occurredAt" < ${shanghaiInstant(floor)}
       GROUP BY "actorId"
      ON CONFLICT ("personId") DO UPDATE SET day = LEAST("MetricsActivation".day, EXCLUDED.day)`
  }
  for (const day of days) await aggregateDay(db, day)
  return { days }
}
