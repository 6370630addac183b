import { db } from '@/server/core/db/index.ts'
import { contentDisposition, deleteAttachment, getAttachment } from '@/server/documents/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** Download: only for those who may see the document; always as a download, never rendered in our origin. */
export const GET = endpoint({}, async ({ actor, context, params }) => {
  const file = await getAttachment(db(), actor, params.id!, params.attachmentId!, context)
  return new Response(file.data, {
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.size),
      'content-disposition': contentDisposition(file.fileName),
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    },
  })
})

export const DELETE = endpoint({}, async ({ actor, context, params }) => {
  await deleteAttachment(db(), actor, params.id!, params.attachmentId!, context)
  return { ok: true }
})
