import webpush from 'web-push'
import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { logger } from '../core/logger.ts'
import { vapidKeys } from './vapid.ts'

export type PushMessage = { title: string; body: string; url: string; tag?: string }

/**
 * Encrypt and deliver a notification to every device of these people. The request is built by
 * web-push (VAPID, aes128gcm) and sent with fetch, so any endpoint works, including a local test
 * receiver over plain HTTP. Endpoints the push service reports gone (404/410) are removed.
 */
export async function sendPush(db: Db, personIds: string[], message: PushMessage): Promise<{ sent: number; removed: number; failed: number }> {
  const result = { sent: 0, removed: 0, failed: 0 }
  if (personIds.length === 0) return result
  const keys = await vapidKeys(db)
  const subject = config().PUBLIC_URL.startsWith('https://') ? config().PUBLIC_URL : 'mailto:admin@xietong.local'
  const payload = JSON.stringify(message)
  for (let i = 0; i < personIds.length; i += 1000) {
    const subscriptions = await db.pushSubscription.findMany({ where: { personId: { in: personIds.slice(i, i + 1000) }, person: { isActive: true } } })
    for (const s of subscriptions) {
      try {
        const details = webpush.generateRequestDetails({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          urgency: 'high',
        })
        const response = await fetch(details.endpoint, { method: details.method, headers: details.headers as Record<string, string>, body: details.body as BodyInit })
        if (response.status === 404 || response.status === 410) {
          await db.pushSubscription.delete({ where: { id: s.id } })
          result.removed++
        } else if (response.ok) {
          await db.pushSubscription.update({ where: { id: s.id }, data: { lastSuccessAt: clock.now(), failures: 0 } })
          result.sent++
        } else {
          throw new Error(`push service answered ${response.status}`)
        }
      } catch (error) {
        result.failed++
        await db.pushSubscription.update({ where: { id: s.id }, data: { failures: { increment: 1 } } })
        logger.warn({ err: error instanceof Error ? error.message : error, subscription: s.id }, 'push failed')
      }
    }
  }
  return result
}
