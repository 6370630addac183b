import { db } from '@/server/core/db/index.ts'
import { distributionPdf } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** The sealed PDF a distribution carries, for the recipient's registry before it signs for it (and the sender's). */
export const GET = endpoint({}, async ({ actor, params }) => {
  const { pdf, fileName } = await distributionPdf(db(), actor, params.id!)
  return new Response(pdf as BodyInit, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'private, no-store',
    },
  })
})
