import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { addAttachment, MAX_ATTACHMENT_BYTES } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** Room for the multipart boundaries and part headers around the one file. */
const FORM_OVERHEAD = 64 * 1024

/** Attach one file (the `file` field of a multipart form) to a document. The wrapper stops reading at the limit. */
export const POST = endpoint({
  maxBodyBytes: MAX_ATTACHMENT_BYTES + FORM_OVERHEAD,
  tooLarge: () => new AppError('document.upload_too_large', { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }),
}, async ({ request, actor, context, params }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  return addAttachment(db(), actor, params.id!, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, context)
})
