import { db } from '@/server/core/db/index.ts'
import { sealImage } from '@/server/seals/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The seal's image for its managers and holders (the module decides who). */
export const GET = endpoint({}, async ({ actor, params }) => {
  const image = await sealImage(db(), actor, params.id!)
  return new Response(image.bytes as BodyInit, {
    headers: { 'content-type': image.contentType, 'cache-control': 'private, no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
  })
})
