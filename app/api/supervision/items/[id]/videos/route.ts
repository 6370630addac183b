import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { config } from '@/server/core/config.ts'
import { MAX_POSTER_BYTES, maxVideoBytes, uploadVideo } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

const FORM_OVERHEAD = 64 * 1024

/** One short progress video (`file`) and, when the browser could draw one, its poster frame (`poster`, JPEG). */
export const POST = endpoint({
  maxBodyBytes: () => maxVideoBytes() + MAX_POSTER_BYTES + FORM_OVERHEAD,
  tooLarge: () => new AppError('supervision.video_too_large', { max: `${config().SUPERVISION_VIDEO_MAX_MB} MB` }),
}, async ({ request, actor, params }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  const poster = form.get('poster')
  return uploadVideo(db(), actor, params.id!, new Uint8Array(await file.arrayBuffer()), poster instanceof File ? new Uint8Array(await poster.arrayBuffer()) : null)
})
