import { db } from '@/server/core/db/index.ts'
import { wakeMailWorker } from '@/server/mail/index.ts'
import { pushNoticeJob, repingUnread } from '@/server/notices/index.ts'
import { enqueue } from '@/server/core/jobs.ts'
import { endpoint } from '../../../../lib/api.ts'

export const POST = endpoint({}, async ({ actor, context, params }) => {
  const pinged = await repingUnread(db(), actor, params.id!, context)
  await wakeMailWorker()
  await enqueue(pushNoticeJob, { noticeId: params.id! }).catch(() => undefined)
  return { pinged }
})
