import { z } from 'zod'
import { db } from '../core/db/index.ts'
import { defineJob } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { repingDueNotices } from './reping.ts'

/** Every minute: ping unread recipients whose notice's re-ping interval has passed. */
export const repingSweepJob = defineJob({
  name: 'notice.reping-sweep',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  policy: 'stately',
  async handler() {
    const pinged = await repingDueNotices(db())
    if (pinged) {
      logger.info({ pinged }, 'notice recipients re-pinged')
      await wakeMailWorker()
    }
  },
})
