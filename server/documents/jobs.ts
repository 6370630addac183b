import { db } from '../core/db/index.ts'
import { defineSweep } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { urgeOverdueTasks } from './urge.ts'

/** Every five minutes: urge, once, the people whose document steps are past their time limit. */
export const overdueUrgeJob = defineSweep({
  name: 'document.urge-overdue',
  cron: '*/5 * * * *',
  async handler() {
    let total = 0
    for (;;) {
      const urged = await urgeOverdueTasks(db())
      total += urged.length
      if (urged.length < 500) break
    }
    if (total === 0) return
    logger.info({ documents: total }, 'overdue document steps urged')
    await wakeMailWorker()
  },
})
