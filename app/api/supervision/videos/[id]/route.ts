import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { getVideo, getVideoPoster } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const common = { 'cache-control': 'private, max-age=3600', 'content-security-policy': "sandbox; default-src 'none'", 'x-content-type-options': 'nosniff' }

/**
 * A progress video, only for those who see its item, with byte ranges (206) so a phone's player can
 * seek; `?poster=1` is its poster frame.
 */
export const GET = endpoint({ input: z.object({ poster: z.enum(['0', '1']).optional() }) }, async ({ request, actor, input, params }) => {
  if (input.poster === '1') {
    const poster = await getVideoPoster(db(), actor, params.id!)
    return new Response(new Uint8Array(poster), { headers: { ...common, 'content-type': 'image/jpeg', 'content-length': String(poster.length) } })
  }
  const video = await getVideo(db(), actor, params.id!, request.headers.get('range'))
  if (video.range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${video.size}`, 'accept-ranges': 'bytes' } })
  }
  const headers = { ...common, 'content-type': video.mime, 'content-length': String(video.bytes.length), 'accept-ranges': 'bytes' }
  if (!video.range) return new Response(new Uint8Array(video.bytes), { headers })
  return new Response(new Uint8Array(video.bytes), { status: 206, headers: { ...headers, 'content-range': `bytes ${video.range.start}-${video.range.end}/${video.size}` } })
})
