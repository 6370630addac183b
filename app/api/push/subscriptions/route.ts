import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { subscribePush, subscriptionInput, unsubscribePush } from '@/server/push/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: subscriptionInput }, async ({ input, actor, context }) => {
  await subscribePush(db(), actor, input, context.userAgent)
  return { ok: true }
})

export const DELETE = endpoint({ input: z.object({ endpoint: z.string().max(1000) }) }, async ({ input, actor }) => {
  await unsubscribePush(db(), actor, input.endpoint)
  return { ok: true }
})
