import { createECDH, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
// @ts-expect-error http_ece (web-push's own encryption library) ships no types
import ece from 'http_ece'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildPerson } from '../test/factories.ts'
import { isPublicAddress } from './endpoints.ts'
import { sendPush, subscribePush, vapidKeys } from './index.ts'

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
// The local push service is on loopback over http, which no real endpoint may be: this test-only
// setting (honoured only under NODE_ENV=test) lets exactly its origin through.
process.env.PUSH_TEST_ORIGIN = base
afterAll(() => {
  delete process.env.PUSH_TEST_ORIGIN
  service.close()
})

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
    expect(result).toEqual({ sent: 1, removed: 1, failed: 0, refused: 0 })

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
    expect(await sendPush(db(), [person.id], { title: 'x', body: 'y', url: '/' })).toEqual({ sent: 0, removed: 0, failed: 0, refused: 0 })
  })
})

describe('push endpoints (SSRF)', () => {
  const keys = () => {
    const k = browserKeys()
    return { p256dh: k.p256dh, auth: k.authB64 }
  }

  it('accepts only the browsers’ push services, over https on the default port, without user information', async () => {
    const actor = await actorFor(await buildPerson())
    for (const endpoint of [
      'https://127.0.0.1/push/1', 'https://169.254.169.254/latest/meta-data/', 'https://[::1]/push/1', 'https://[::ffff:127.0.0.1]/push/1',
      'https://2130706433/push/1', 'https://10.0.0.8/push/1', 'http://fcm.googleapis.com/fcm/send/abc', 'https://evil.example.com/push/1',
      'https://fcm.googleapis.com.evil.example.com/fcm/send/abc', 'https://user:secret@fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com:8443/fcm/send/abc', 'https://push.apple.com.example.org/x', 'ftp://fcm.googleapis.com/x', 'not a url',
      `${base.replace('127.0.0.1', 'localhost')}/live/x`,
    ]) {
      await expectAppError(subscribePush(db(), actor, { endpoint, keys: keys() }, null), 'push.endpoint_not_allowed')
    }
    expect(await db().pushSubscription.count({ where: { personId: actor.personId } })).toBe(0)
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b', 'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA', 'https://web.push.apple.com/QGuQyavXutnMH',
    ]) await subscribePush(db(), actor, { endpoint, keys: keys() }, null)
    expect(await db().pushSubscription.count({ where: { personId: actor.personId } })).toBe(4)
  })

  it('refuses at send time a host that resolves to a private address, even when its name is allowed', async () => {
    process.env.PUSH_SERVICE_HOSTS = 'localhost'
    try {
      const person = await buildPerson()
      await subscribePush(db(), await actorFor(person), { endpoint: 'https://localhost/push/rebound', keys: keys() }, null)
      const result = await sendPush(db(), [person.id], { title: 'x', body: 'y', url: '/' })
      expect(result).toEqual({ sent: 0, removed: 0, failed: 1, refused: 1 })
      expect(await db().pushSubscription.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({ failures: 1, lastSuccessAt: null })
    } finally {
      delete process.env.PUSH_SERVICE_HOSTS
    }
  })

  it('never contacts a stored endpoint that is not allowed, and removes it', async () => {
    const person = await buildPerson()
    const k = keys()
    const port = (service.address() as AddressInfo).port
    for (const endpoint of [`https://127.0.0.1:${port}/live/metadata`, `http://localhost:${port}/live/legacy`, 'https://169.254.169.254/latest/meta-data/']) {
      await db().pushSubscription.create({ data: { personId: person.id, endpoint, p256dh: k.p256dh, auth: k.auth } })
    }
    const before = received.length
    expect(await sendPush(db(), [person.id], { title: 'x', body: 'y', url: '/' })).toEqual({ sent: 0, removed: 3, failed: 0, refused: 0 })
    expect(received.length).toBe(before)
    expect(await db().pushSubscription.count({ where: { personId: person.id } })).toBe(0)
  })

  it('tells public addresses from loopback, private, link-local, CGNAT, multicast, unique-local and mapped ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
      '198.18.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:8.8.8.8', '64:ff9b::a00:1', '2002:7f00:1::1', '2001:db8::1', 'localhost']) {
      expect(isPublicAddress(a), a).toBe(false)
    }
    for (const a of ['8.8.8.8', '142.250.72.10', '17.253.144.10', '2607:f8b0:4005:80b::200a', '2a02:26f0:fd::5c7a:8b2d']) expect(isPublicAddress(a), a).toBe(true)
  })
})
