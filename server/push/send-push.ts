import http from 'node:http'
import https from 'node:https'
import webpush from 'web-push'
import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { logger } from '../core/logger.ts'
import { checkPushEndpoint, PushAddressRefused, publicOnlyLookup } from './endpoints.ts'
import { vapidKeys } from './vapid.ts'

export type PushMessage = { title: string; body: string; url: string; tag?: string }

/**
 * Connections to push services: kept alive (a notice to a city is thousands of messages to a few
 * hosts), each opened only to an address `publicOnlyLookup` checked.
 */
const pushAgent = new https.Agent({ keepAlive: true, maxSockets: 16, lookup: publicOnlyLookup })

/**
 * POST one message to a push service. Over https with `publicOnlyLookup`, so the socket connects only
 * to addresses checked as public; redirects are not followed. Plain http only for the test origin.
 */
function post(url: URL, isTestOrigin: boolean, details: { method: string; headers: Record<string, string | number>; body: Buffer | null }): Promise<number> {
  return new Promise((resolve, reject) => {
    const options = { method: details.method, headers: details.headers, timeout: 15_000 }
    const request = isTestOrigin && url.protocol === 'http:'
      ? http.request(url, options)
      : https.request(url, { ...options, agent: isTestOrigin ? undefined : pushAgent })
    request.on('response', (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    request.on('timeout', () => request.destroy(new Error('push service did not answer in time')))
    request.on('error', reject)
    request.end(details.body ?? undefined)
  })
}

/**
 * Encrypt and deliver a notification to every device of these people. The request is built by
 * web-push (VAPID, aes128gcm) and sent only to an allowed push service (`checkPushEndpoint`) at a
 * public address. Endpoints the push service reports gone (404/410), and stored endpoints that are no
 * longer allowed, are removed.
 */
export async function sendPush(db: Db, personIds: string[], message: PushMessage): Promise<{ sent: number; removed: number; failed: number; refused: number }> {
  const result = { sent: 0, removed: 0, failed: 0, refused: 0 }
  if (personIds.length === 0) return result
  const keys = await vapidKeys(db)
  const subject = config().PUBLIC_URL.startsWith('https://') ? config().PUBLIC_URL : 'mailto:admin@xietong.local'
  const payload = JSON.stringify(message)
  for (let i = 0; i < personIds.length; i += 1000) {
    const subscriptions = await db.pushSubscription.findMany({ where: { personId: { in: personIds.slice(i, i + 1000) }, person: { isActive: true } } })
    for (const s of subscriptions) {
      const check = checkPushEndpoint(s.endpoint)
      if (!check.ok) {
        // Stored before endpoints were checked, or the allowlist changed: never contacted again.
        await db.pushSubscription.delete({ where: { id: s.id } })
        result.removed++
        logger.warn({ subscription: s.id, reason: check.reason }, 'push endpoint not allowed; subscription removed')
        continue
      }
      try {
        const details = webpush.generateRequestDetails({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          urgency: 'high',
        })
        const status = await post(check.url, check.isTestOrigin, { method: details.method, headers: details.headers as Record<string, string | number>, body: details.body as Buffer | null })
        if (status === 404 || status === 410) {
          await db.pushSubscription.delete({ where: { id: s.id } })
          result.removed++
        } else if (status >= 200 && status < 300) {
          await db.pushSubscription.update({ where: { id: s.id }, data: { lastSuccessAt: clock.now(), failures: 0 } })
          result.sent++
        } else {
          throw new Error(`push service answered ${status}`)
        }
      } catch (error) {
        result.failed++
        await db.pushSubscription.update({ where: { id: s.id }, data: { failures: { increment: 1 } } })
        if (error instanceof PushAddressRefused) result.refused++
        logger.warn({ err: error instanceof Error ? error.message : error, subscription: s.id }, 'push failed')
      }
    }
  }
  return result
}
