import { z } from 'zod'
import { db } from '../core/db/index.ts'
import { defineJob } from '../core/jobs.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { sendDueDigests } from './send-digests.ts'

/** Every five minutes: the daily digests whose time has come. */
export const digestJob = defineJob({
  name: 'inbox.digest',
  payload: z.object({}).passthrough(),
  cron: '*/5 * * * *',
  policy: 'stately',
  async handler() {
    if (await sendDueDigests(db())) await wakeMailWorker()
  },
})
