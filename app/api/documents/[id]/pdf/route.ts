import { db } from '@/server/core/db/index.ts'
import { contentDisposition, renderDocument } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** The document as a GB/T 9704 red-header PDF, shown in the browser (PDF 预览). */
export const GET = endpoint({}, async ({ actor, params }) => {
  const { pdf, fileName } = await renderDocument(db(), actor, params.id!)
  return new Response(pdf as BodyInit, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(fileName).replace(/^attachment/, 'inline'),
      'cache-control': 'private, no-store',
    },
  })
})
