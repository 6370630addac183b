import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { createSeal, listSeals, MAX_SEAL_IMAGE_BYTES } from '@/server/seals/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Multipart: unitId, name, and an optional `image` file (PNG); without one the standard seal is drawn. */
/** The image's limit plus room for the form around it. */
const upload = { maxBodyBytes: MAX_SEAL_IMAGE_BYTES + 64 * 1024, tooLarge: () => new AppError('seal.image_too_large', { maxKb: MAX_SEAL_IMAGE_BYTES / 1024 }) }

const input = z.instanceof(FormData).transform((form) => {
  const image = form.get('image')
  return { unitId: String(form.get('unitId') ?? ''), name: String(form.get('name') ?? ''), image: image instanceof File && image.size > 0 ? image : null }
})

const bytesOf = async (file: File | null) => (file ? new Uint8Array(await file.arrayBuffer()) : null)

export const GET = endpoint({ permission: 'seal.manage' }, async ({ actor }) => ({ seals: await listSeals(db(), actor) }))

export const POST = endpoint({ permission: 'seal.manage', input, ...upload }, async ({ input, actor, context }) =>
  createSeal(db(), actor, { ...input, image: await bytesOf(input.image) }, context))
