import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { appScopes, grantConsent, revokeConsent } from '@/server/microapps/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: z.object({ appId: z.string().max(100), scope: z.enum(appScopes) }) }, async ({ input, actor, context }) => {
  await grantConsent(db(), actor, input, context)
  return { ok: true }
})

export const DELETE = endpoint({ input: z.object({ appId: z.string().max(100), scope: z.enum(appScopes).optional() }) }, async ({ input, actor, context }) => {
  await revokeConsent(db(), actor, input, context)
  return { ok: true }
})
