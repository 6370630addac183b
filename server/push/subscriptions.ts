import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { checkPushEndpoint } from './endpoints.ts'

export const subscriptionInput = z.object({
  // Which endpoints are accepted is checkPushEndpoint's (a localised error, not a zod message).
  endpoint: z.string().max(1000),
  keys: z.object({ p256dh: z.string().min(10).max(200), auth: z.string().min(8).max(100) }),
})
export type SubscriptionInput = z.infer<typeof subscriptionInput>

/** Register this browser for the signed-in person (a device moving to another person is re-assigned). */
export async function subscribePush(db: Db, actor: Actor, input: SubscriptionInput, userAgent: string | null) {
  const s = subscriptionInput.parse(input)
  const check = checkPushEndpoint(s.endpoint)
  if (!check.ok) throw new AppError('push.endpoint_not_allowed', { host: URL.canParse(s.endpoint) ? new URL(s.endpoint).host : '' })
  await db.pushSubscription.upsert({
    where: { endpoint: s.endpoint },
    create: { personId: actor.personId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, userAgent: userAgent?.slice(0, 300) ?? null },
    update: { personId: actor.personId, p256dh: s.keys.p256dh, auth: s.keys.auth, failures: 0 },
  })
}

export async function unsubscribePush(db: Db, actor: Actor, endpoint: string) {
  await db.pushSubscription.deleteMany({ where: { endpoint, personId: actor.personId } })
}

export async function countPushDevices(db: Db, personId: string) {
  return db.pushSubscription.count({ where: { personId } })
}
