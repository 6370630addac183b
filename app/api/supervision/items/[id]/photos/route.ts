import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { MAX_PHOTO_BYTES, uploadPhoto } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

const FORM_OVERHEAD = 64 * 1024

/** One progress photo (`file`; `keepLocation=1` keeps its location), checked, re-encoded and thumbnailed. */
export const POST = endpoint({
  maxBodyBytes: MAX_PHOTO_BYTES + FORM_OVERHEAD,
  tooLarge: () => new AppError('supervision.photo_too_large', { max: '8 MB' }),
}, async ({ request, actor, params }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  return uploadPhoto(db(), actor, params.id!, new Uint8Array(await file.arrayBuffer()), form.get('keepLocation') === '1')
})
