import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { createSeal, listSeals } from '@/server/seals/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Multipart: unitId, name, and an optional `image` file (PNG); without one the standard seal is drawn. */
const input = z.instanceof(FormData).transform((form) => {
  const image = form.get('image')
  return { unitId: String(form.get('unitId') ?? ''), name: String(form.get('name') ?? ''), image: image instanceof File && image.size > 0 ? image : null }
})

const bytesOf = async (file: File | null) => (file ? new Uint8Array(await file.arrayBuffer()) : null)

export const GET = endpoint({ permission: 'seal.manage' }, async ({ actor }) => ({ seals: await listSeals(db(), actor) }))

export const POST = endpoint({ permission: 'seal.manage', input }, async ({ input, actor, context }) =>
  createSeal(db(), actor, { ...input, image: await bytesOf(input.image) }, context))
