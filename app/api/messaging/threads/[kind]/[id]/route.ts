import { db } from '@/server/core/db/index.ts'
import { notFound } from '@/server/core/errors.ts'
import { openThread, threadKindOf } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The thread of a document, meeting or supervision item (made on first use), for whoever may see it. */
export const POST = endpoint({}, async ({ actor, params }) => {
  const kind = threadKindOf(params.kind!)
  if (!kind) throw notFound()
  return openThread(db(), actor, kind, params.id!)
})
