import { db } from '@/server/core/db/index.ts'
import { screenshotImage } from '@/server/microapps/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** A store screenshot (re-encoded WebP): a listed version's for everyone signed in, a pending one's for its reviewers and developers. */
export const GET = endpoint({}, async ({ actor, params }) => {
  const shot = await screenshotImage(db(), actor, params.id!)
  return new Response(new Uint8Array(shot.bytes), {
    headers: { 'content-type': shot.mime, 'content-length': String(shot.bytes.length), 'cache-control': 'private, max-age=3600', 'content-security-policy': "sandbox; default-src 'none'", 'x-content-type-options': 'nosniff' },
  })
})
