import webpush from 'web-push'
import type { Db } from '../core/db/index.ts'

const KEY = 'vapidKeys'

export type VapidKeys = { publicKey: string; privateKey: string }

/** The platform's VAPID key pair: made on first use and kept, so existing subscriptions stay valid. */
export async function vapidKeys(db: Db): Promise<VapidKeys> {
  const existing = await db.systemSetting.findUnique({ where: { key: KEY } })
  if (existing) return existing.value as VapidKeys
  const keys = webpush.generateVAPIDKeys()
  // Two processes starting at once: the first insert wins, and both use what was stored.
  await db.systemSetting.createMany({ data: [{ key: KEY, value: { publicKey: keys.publicKey, privateKey: keys.privateKey } }], skipDuplicates: true })
  return (await db.systemSetting.findUniqueOrThrow({ where: { key: KEY } })).value as VapidKeys
}
