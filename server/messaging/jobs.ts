import { db } from '../core/db/index.ts'
import { defineSweep } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { purgeExpiredMessages } from './retention.ts'

/** Nightly at 03:30 Shanghai (19:30 UTC): messages past their kind's retention (never under 180 days) are deleted. */
export const messageRetentionJob = defineSweep({
  name: 'messaging.retention',
  cron: '30 19 * * *',
  async handler() {
    const purged = await purgeExpiredMessages(db())
    if (purged) logger.info({ purged }, 'expired messages deleted')
  },
})
