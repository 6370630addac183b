import { enqueue } from '@/server/core/jobs.ts'
import { wakeMailWorker } from '@/server/mail/index.ts'
import { sendPushJob } from '@/server/push/index.ts'
import type { PushNote } from '@/server/duty/index.ts'

/** After a duty change commits: deliver its mail now and push to the people concerned. */
export async function afterDutyChange(push: PushNote | null | undefined) {
  if (!push) return
  await wakeMailWorker()
  await enqueue(sendPushJob, push).catch(() => undefined)
}
