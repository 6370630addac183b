import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { completeSecondFactor, disableSecondFactor } from '@/server/auth/index.ts'
import { endpoint } from '../../../lib/api.ts'
import { sessionCookies } from '../../../lib/cookies.ts'

const code = z.object({ code: z.string().trim().regex(/^\d{6}$/) })

/** The TOTP step of a sign-in. */
export const POST = endpoint({ access: 'second-factor', input: code }, async ({ input, session, context }) => {
  const fresh = await completeSecondFactor(db(), session!.id, input.code, context)
  const headers = new Headers()
  for (const c of sessionCookies(fresh)) headers.append('set-cookie', c)
  return Response.json({ ok: true }, { headers })
})

/** Turn the second factor off (not allowed when a role requires it). */
export const DELETE = endpoint({ input: code }, async ({ input, actor, context }) => {
  await disableSecondFactor(db(), actor.personId, input.code, context)
  return { ok: true }
})
