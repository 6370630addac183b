import { db } from '@/server/core/db/index.ts'
import { receiveWebhook } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/**
 * LiveKit's webhook (configure `webhook.urls` on the LiveKit server to PUBLIC_URL/api/meetings/livekit/webhook).
 * No session: the body is verified against its signed Authorization token before anything is applied.
 */
export const POST = endpoint({ access: 'signed-request', rateLimit: 'mutation', maxBodyBytes: 256 * 1024 }, async ({ request, context }) =>
  receiveWebhook(db(), await request.text(), request.headers.get('authorization'), context))
