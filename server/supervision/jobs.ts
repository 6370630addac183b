import { db } from '../core/db/index.ts'
import { defineSweep } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { sweepUrges } from './urge.ts'
import { remindReportsDue } from './remind-reports.ts'

/** Every ten minutes: report reminders, then automatic urging and escalation of overdue items. */
export const supervisionSweepJob = defineSweep({
  name: 'supervision.urge-sweep',
  cron: '*/10 * * * *',
  async handler() {
    const reminded = await remindReportsDue(db())
    const { urged, escalated } = await sweepUrges(db())
    if (reminded + urged + escalated === 0) return
    logger.info({ reminded, urged, escalated }, 'supervision sweep')
    await wakeMailWorker()
  },
})
