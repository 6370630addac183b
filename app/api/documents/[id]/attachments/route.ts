import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { addAttachment, MAX_ATTACHMENT_BYTES } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** Room for the multipart boundaries and part headers around the one file. */
const FORM_OVERHEAD = 64 * 1024

/**
 * The request body, refused once it exceeds the limit: a multipart form is otherwise read whole into
 * memory before anything can look at the file's size.
 */
async function readForm(request: Request, limit: number): Promise<FormData> {
  const tooLarge = () => new AppError('document.upload_too_large', { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 })
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge()
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body?.getReader()
  for (;;) {
    const chunk = await reader?.read()
    if (!chunk || chunk.done) break
    size += chunk.value.length
    if (size > limit) {
      await reader!.cancel()
      throw tooLarge()
    }
    chunks.push(chunk.value)
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData()
  } catch {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart form expected' }])
  }
}

/** Attach one file (the `file` field of a multipart form) to a document. */
export const POST = endpoint({}, async ({ request, actor, context, params }) => {
  const file = (await readForm(request, MAX_ATTACHMENT_BYTES + FORM_OVERHEAD)).get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file is required' }])
  return addAttachment(db(), actor, params.id!, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, context)
})
