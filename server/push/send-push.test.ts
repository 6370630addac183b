import { createECDH, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
// @ts-expect-error http_ece (web-push's own encryption library) ships no types
import ece from 'http_ece'
import { db } from '../core/db/index.ts'
import { buildPerson } from '../test/factories.ts'
import { sendPush, vapidKeys } from './index.ts'

// A local push service: it stores what it receives (encrypted, as a real one would) and answers like
// one: 201 for a live subscription, 410 for one the browser has dropped.
const received: { path: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = []
const service = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    received.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks) })
    res.writeHead(req.url!.startsWith('/gone') ? 410 : 201).end()
  })
}).listen(0, '127.0.0.1')
await new Promise((r) => service.once('listening', r))
const base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`
afterAll(() => service.close())

/** What a browser does when it subscribes: its own key pair and auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1')
  ecdh.generateKeys()
  const auth = randomBytes(16)
  return { ecdh, auth, p256dh: ecdh.getPublicKey().toString('base64url'), authB64: auth.toString('base64url') }
}

describe('web push', () => {
  it('encrypts the message for each device, signs with the platform’s VAPID key, and drops gone devices', async () => {
    const person = await buildPerson()
    const phone = browserKeys()
    await db().pushSubscription.create({ data: { personId: person.id, endpoint: `${base}/live/phone`, p256dh: phone.p256dh, auth: phone.authB64 } })
    const stale = browserKeys()
    await db().pushSubscription.create({ data: { personId: person.id, endpoint: `${base}/gone/laptop`, p256dh: stale.p256dh, auth: stale.authB64 } })

    const result = await sendPush(db(), [person.id], { title: '【特急】防汛紧急通知', body: '请立即查看。', url: '/notices/1' })
    expect(result).toEqual({ sent: 1, removed: 1, failed: 0 })

    const delivery = received.find((r) => r.path === '/live/phone')!
    expect(delivery.headers['content-encoding']).toBe('aes128gcm')
    const { publicKey } = await vapidKeys(db())
    expect(String(delivery.headers.authorization)).toMatch(new RegExp(`^vapid t=.+, k=${publicKey}$`))
    const plain = ece.decrypt(delivery.body, { version: 'aes128gcm', privateKey: phone.ecdh, authSecret: phone.auth })
    expect(JSON.parse(plain.toString('utf8'))).toEqual({ title: '【特急】防汛紧急通知', body: '请立即查看。', url: '/notices/1' })

    expect(await db().pushSubscription.findMany({ where: { personId: person.id }, select: { endpoint: true } })).toEqual([{ endpoint: `${base}/live/phone` }])
  })

  it('keeps its VAPID keys: made once, the same afterwards', async () => {
    const [a, b] = await Promise.all([vapidKeys(db()), vapidKeys(db())])
    expect(a).toEqual(b)
    expect(await vapidKeys(db())).toEqual(a)
  })

  it('sends nothing to deactivated people', async () => {
    const person = await buildPerson({ isActive: false })
    const k = browserKeys()
    await db().pushSubscription.create({ data: { personId: person.id, endpoint: `${base}/live/inactive`, p256dh: k.p256dh, auth: k.authB64 } })
    expect(await sendPush(db(), [person.id], { title: 'x', body: 'y', url: '/' })).toEqual({ sent: 0, removed: 0, failed: 0 })
  })
})
