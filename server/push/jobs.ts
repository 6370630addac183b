import { z } from 'zod'
import { db } from '../core/db/index.ts'
import { defineJob } from '../core/jobs.ts'
import { sendPush } from './send-push.ts'

/** Push a notification to people's devices; queued with the change that causes it. */
export const sendPushJob = defineJob({
  name: 'push.send',
  payload: z.object({ personIds: z.array(z.uuid()), title: z.string(), body: z.string(), url: z.string(), tag: z.string().optional() }),
  retryLimit: 2,
  async handler({ personIds, ...message }) {
    await sendPush(db(), personIds, message)
  },
})
