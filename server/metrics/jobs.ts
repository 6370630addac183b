import { db } from '../core/db/index.ts'
import { defineSweep } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { aggregatePending } from './aggregate-pending.ts'

/** Every hour at :07 (Beijing): today so far, yesterday again, and any day never aggregated (backfill). */
export const metricsAggregateJob = defineSweep({
  name: 'metrics.aggregate',
  cron: '7 * * * *',
  async handler() {
    const started = Date.now()
    const { days } = await aggregatePending(db())
    logger.info({ days: days.length, first: days[0], ms: Date.now() - started }, 'metrics aggregated')
  },
})
