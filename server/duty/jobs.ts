import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { defineSweep, enqueue } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { sendPushJob } from '../push/index.ts'
import { sweepIncidentDeadlines } from './incident-sweep.ts'

/** Every minute: the incident report timers (remind, urge, escalate to the leader on duty, then up). */
export const incidentSweepJob = defineSweep({
  name: 'duty.incident-sweep',
  cron: '* * * * *',
  async handler() {
    const pushes = await sweepIncidentDeadlines(db(), clock.now())
    if (!pushes.length) return
    logger.info({ steps: pushes.length }, 'incident timers')
    await wakeMailWorker()
    for (const p of pushes) await enqueue(sendPushJob, p).catch(() => undefined)
  },
})
