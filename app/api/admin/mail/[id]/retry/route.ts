import { db } from '@/server/core/db/index.ts'
import { retryMail, wakeMailWorker } from '@/server/mail/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'mail.manage' }, async ({ actor, context, params }) => {
  await retryMail(db(), actor, params.id!, context)
  await wakeMailWorker()
  return { ok: true }
})
