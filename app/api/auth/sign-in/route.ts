import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { signIn } from '@/server/auth/index.ts'
import { endpoint } from '../../../lib/api.ts'
import { sessionCookies } from '../../../lib/cookies.ts'

const input = z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) })

export const POST = endpoint({ access: 'public', input }, async ({ input, context }) => {
  const { session, next } = await signIn(db(), input, context)
  const headers = new Headers()
  for (const c of sessionCookies(session)) headers.append('set-cookie', c)
  return Response.json({ next }, { headers })
})
