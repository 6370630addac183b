import { db } from '@/server/core/db/index.ts'
import { contentDisposition, renderDocument } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** The document as a GB/T 9704 red-header PDF, shown in the browser (PDF 预览). */
export const GET = endpoint({}, async ({ actor, params }) => {
  const { pdf, fileName, notEmbeddedIds } = await renderDocument(db(), actor, params.id!)
  return new Response(pdf as BodyInit, {
    headers: {
      // Attachments that could not be appended (the PDF has a page saying so in their place).
      ...(notEmbeddedIds.length ? { 'x-not-embedded-attachments': notEmbeddedIds.join(',') } : {}),
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(fileName).replace(/^attachment/, 'inline'),
      'cache-control': 'private, no-store',
    },
  })
})
