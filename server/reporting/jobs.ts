import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { defineSweep } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { ensurePeriodCollection } from './create-collection.ts'
import { sweepLateSubmissions } from './urge.ts'

/** Every active series gets its collection for the current period (once: unique per series and period). */
export async function createPeriodCollections(): Promise<number> {
  const series = await db().reportSeries.findMany({ where: { isActive: true }, select: { id: true } })
  let created = 0
  for (const s of series) {
    const r = await db().$transaction((tx) => ensurePeriodCollection(tx, s.id, clock.now()))
    if (r.id) created++
  }
  return created
}

/** Hourly: period collections of the cycles, then reminders and automatic urging of late units. */
export const reportingSweepJob = defineSweep({
  name: 'reporting.sweep',
  cron: '7 * * * *',
  async handler() {
    const created = await createPeriodCollections()
    const { reminded, urged } = await sweepLateSubmissions(db())
    if (created + reminded + urged) logger.info({ created, reminded, urged }, 'reporting sweep')
  },
})
