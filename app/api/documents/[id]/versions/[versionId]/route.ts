import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { isUuid } from '@/server/core/strings.ts'
import { documentVersionHtml } from '@/server/documents/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** A version's text as HTML (`current`: the text now). */
export const GET = endpoint({}, async ({ actor, params }) => {
  const versionId = params.versionId!
  if (versionId !== 'current' && !isUuid(versionId)) throw new AppError('not_found')
  return { html: await documentVersionHtml(db(), actor, params.id!, versionId) }
})
