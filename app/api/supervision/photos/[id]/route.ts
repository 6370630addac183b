import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { getPhoto } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** A photo or its thumbnail (`?thumb=1`), only for those who see its item. */
export const GET = endpoint({ input: z.object({ thumb: z.enum(['0', '1']).optional() }) }, async ({ actor, input, params }) => {
  const photo = await getPhoto(db(), actor, params.id!, input.thumb === '1')
  return new Response(new Uint8Array(photo.bytes), {
    headers: { 'content-type': photo.mime, 'content-length': String(photo.bytes.length), 'cache-control': 'private, max-age=3600', 'content-security-policy': "sandbox; default-src 'none'", 'x-content-type-options': 'nosniff' },
  })
})
