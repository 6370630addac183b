import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { isUuid } from '@/server/core/strings.ts'
import { restoreDocumentVersion } from '@/server/documents/index.ts'
import { endpoint } from '../../../../../../lib/api.ts'

export const POST = endpoint({}, async ({ actor, context, params }) => {
  if (!isUuid(params.versionId!)) throw new AppError('not_found')
  return restoreDocumentVersion(db(), actor, params.id!, params.versionId!, context)
})
