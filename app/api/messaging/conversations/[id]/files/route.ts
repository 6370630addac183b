import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { MAX_ATTACHMENT_BYTES } from '@/server/documents/index.ts'
import { uploadMessageFile } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

const FORM_OVERHEAD = 64 * 1024

/** Upload one file or image (the `file` field) for a message in this conversation; then send with its id. */
export const POST = endpoint({
  maxBodyBytes: MAX_ATTACHMENT_BYTES + FORM_OVERHEAD,
  tooLarge: () => new AppError('messaging.file_too_large', { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }),
}, async ({ request, actor, params }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  return uploadMessageFile(db(), actor, params.id!, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) })
})
