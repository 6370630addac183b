import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { MAX_SEAL_IMAGE_BYTES, updateSeal } from '@/server/seals/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/**
 * Multipart: optional name, isActive ("true"/"false"), `image` (a new PNG) or useDrawn=1 (drop the
 * uploaded image and draw the standard seal).
 */
/** The image's limit plus room for the form around it. */
const upload = { maxBodyBytes: MAX_SEAL_IMAGE_BYTES + 64 * 1024, tooLarge: () => new AppError('seal.image_too_large', { maxKb: MAX_SEAL_IMAGE_BYTES / 1024 }) }

const input = z.instanceof(FormData).transform((form) => {
  const image = form.get('image')
  const name = form.get('name')
  const isActive = form.get('isActive')
  return {
    name: typeof name === 'string' && name ? name : undefined,
    isActive: isActive === 'true' ? true : isActive === 'false' ? false : undefined,
    image: image instanceof File && image.size > 0 ? image : form.get('useDrawn') === '1' ? null : undefined,
  }
})

export const PATCH = endpoint({ permission: 'seal.manage', input, ...upload }, async ({ input, actor, context, params }) => {
  const image = input.image ? new Uint8Array(await input.image.arrayBuffer()) : input.image
  await updateSeal(db(), actor, params.id!, { ...input, image }, context)
  return { ok: true }
})
