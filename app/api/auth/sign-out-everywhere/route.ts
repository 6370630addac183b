import { db } from '@/server/core/db/index.ts'
import { signOutEverywhere } from '@/server/auth/index.ts'
import { endpoint } from '../../../lib/api.ts'
import { clearedSessionCookies } from '../../../lib/cookies.ts'

export const POST = endpoint({ allowedWhilePasswordDue: true }, async ({ actor, context }) => {
  const count = await signOutEverywhere(db(), { personId: actor.personId, name: actor.name }, context)
  const headers = new Headers()
  for (const c of clearedSessionCookies()) headers.append('set-cookie', c)
  return Response.json({ ok: true, count }, { headers })
})
