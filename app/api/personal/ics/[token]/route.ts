import { db } from '@/server/core/db/index.ts'
import { feedByToken } from '@/server/personal/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** The person's calendar for calendar apps: no session, the token in the address is the credential. */
export const GET = endpoint({ access: 'public', rateLimit: 'read' }, async ({ params }) => new Response(await feedByToken(db(), params.token!), {
  headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' },
}))
