import { db } from '@/server/core/db/index.ts'
import { contentDisposition } from '@/server/documents/index.ts'
import { getMessageFile } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** A chat file, to members only; `?thumbnail=1` for an image's thumbnail. Downloads are audited. */
export const GET = endpoint({}, async ({ request, actor, params, context }) => {
  const thumbnail = new URL(request.url).searchParams.get('thumbnail') === '1'
  const file = await getMessageFile(db(), actor, params.id!, { thumbnail }, context)
  const inline = file.contentType.startsWith('image/')
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': inline ? contentDisposition(file.fileName).replace(/^attachment/, 'inline') : contentDisposition(file.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  })
})
