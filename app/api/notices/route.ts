import { db } from '@/server/core/db/index.ts'
import { wakeMailWorker } from '@/server/mail/index.ts'
import { pushNoticeJob, sendNotice, sendNoticeInput } from '@/server/notices/index.ts'
import { enqueue } from '@/server/core/jobs.ts'
import { endpoint } from '../../lib/api.ts'

export const POST = endpoint({ permission: 'notice.send', input: sendNoticeInput, maxBodyBytes: 256 * 1024 /* up to 5,000 person ids */ }, async ({ input, actor, context }) => {
  const result = await sendNotice(db(), actor, input, context)
  await wakeMailWorker()
  await enqueue(pushNoticeJob, { noticeId: result.id }).catch(() => undefined)
  return result
})
