import { db } from '../core/db/index.ts'
import { defineSweep, enqueue } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { deliverDueMail } from './deliver-mail.ts'
import { smtpTransport } from './transport.ts'

/** Deliver everything due; runs after mail is queued and every minute for retries. */
export const deliverMailJob = defineSweep({
  name: 'mail.deliver',
  cron: '* * * * *',
  async handler() {
    const transport = smtpTransport()
    for (;;) {
      const report = await deliverDueMail(db(), transport)
      if (report.sent + report.failed + report.retried + report.held) logger.info({ report }, 'mail delivered')
      if (report.sent + report.failed + report.retried + report.deferred < 50) return
    }
  },
})

/** Wake the mail worker now instead of at the next minute. */
export async function wakeMailWorker(): Promise<void> {
  await enqueue(deliverMailJob, {}).catch((error: unknown) => logger.warn({ err: error }, 'could not wake the mail worker; the minute sweep will deliver'))
}
