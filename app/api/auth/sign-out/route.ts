import { db } from '@/server/core/db/index.ts'
import { signOut } from '@/server/auth/index.ts'
import { endpoint } from '../../../lib/api.ts'
import { clearedSessionCookies } from '../../../lib/cookies.ts'

export const POST = endpoint({ access: 'second-factor', allowedWhilePasswordDue: true }, async ({ session, context }) => {
  await signOut(db(), { id: session!.id, personId: session!.person.id, name: session!.person.name }, context)
  const headers = new Headers()
  for (const c of clearedSessionCookies()) headers.append('set-cookie', c)
  return Response.json({ ok: true }, { headers })
})
