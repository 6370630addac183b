import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { latestRendition } from '@/server/documents/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The latest sealed PDF (or, before sealing, the one kept at sign-off), for whoever may see the document. */
export const GET = endpoint({}, async ({ actor, params }) => {
  const rendition = await latestRendition(db(), actor, params.id!)
  if (!rendition) throw new AppError('not_found')
  const name = `${rendition.number ?? rendition.title}.pdf`
  return new Response(rendition.pdf as BodyInit, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
    },
  })
})
