import { db } from '@/server/core/db/index.ts'
import { wakeMailWorker } from '@/server/mail/index.ts'
import { urgeDocument, urgeInput } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 催办: remind the people still to act at the document's current step (inbox and mail). */
export const POST = endpoint({ input: urgeInput }, async ({ input, actor, context, params }) => {
  const result = await urgeDocument(db(), actor, params.id!, input, context)
  await wakeMailWorker()
  return result
})
