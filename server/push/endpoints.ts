import dns from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { config } from '../core/config.ts'

/**
 * Where the platform may send push messages. A subscription's endpoint comes from a browser, so it is
 * a URL an attacker can choose: unchecked, the platform would POST to its own network (SSRF). Only
 * the browsers' push services are accepted (`PUSH_SERVICE_HOSTS`), over https on the default port,
 * without user information; and at send time the host must resolve to public addresses only, the
 * connection going to the address that was checked (a name that resolves once to a public address
 * and then to 127.0.0.1 — DNS rebinding — gets nowhere).
 */

/** The web push services of current browsers (the hosts their `PushSubscription.endpoint` names). */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com', // Chrome, Edge on Android, Opera, Samsung Internet (Firebase Cloud Messaging)
  '*.push.services.mozilla.com', // Firefox (updates.push.services.mozilla.com)
  '*.notify.windows.com', // Edge on Windows (Windows Push Notification Services, wns2-*.notify.windows.com)
  'web.push.apple.com', // Safari (macOS 13+, iOS 16.4+)
  '*.push.apple.com',
]

/** The configured host patterns: exact names, or `*.domain` for any name below the domain. */
export function pushServiceHosts(): string[] {
  const configured = config().PUSH_SERVICE_HOSTS
  if (!configured) return DEFAULT_PUSH_SERVICE_HOSTS
  return configured.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)
}

const bareHost = (hostname: string) => hostname.toLowerCase().replace(/\.$/, '')

function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = bareHost(hostname)
  return patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p))
}

/**
 * The one origin tests may send to over plain http on loopback (a local push service), given as
 * `PUSH_TEST_ORIGIN`. Honoured only when NODE_ENV is `test`; never set it in production.
 */
function testOrigin(): string | null {
  const c = config()
  return c.NODE_ENV === 'test' && c.PUSH_TEST_ORIGIN ? new URL(c.PUSH_TEST_ORIGIN).origin : null
}

export type EndpointCheck = { ok: true; url: URL; isTestOrigin: boolean } | { ok: false; reason: 'invalid' | 'not_https' | 'userinfo' | 'port' | 'host' }

/** Whether an endpoint may be stored and sent to, by its URL alone (the address is checked at send time). */
export function checkPushEndpoint(endpoint: string): EndpointCheck {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if (url.origin === testOrigin()) return { ok: true, url, isTestOrigin: true }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not_https' }
  if (url.username || url.password) return { ok: false, reason: 'userinfo' }
  if (url.port !== '') return { ok: false, reason: 'port' }
  // An address literal is never a push service's name, whatever the allowlist says.
  if (isIP(url.hostname.replace(/^\[|\]$/g, '')) || !hostAllowed(url.hostname, pushServiceHosts())) return { ok: false, reason: 'host' }
  return { ok: true, url, isTestOrigin: false }
}

/** Addresses that are not on the public internet (IANA special-purpose registries, RFC 6890). */
const notPublicV4 = new BlockList()
const notPublicV6 = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) notPublicV4.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128], ['::1', 128],
  // IPv4-mapped is its own list below: BlockList matches IPv4 queries against ::ffff:0:0/96 too.
  ['64:ff9b::', 96], ['64:ff9b:1::', 48], // NAT64, which reaches any IPv4 address
  ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16], // discard, IETF special (Teredo…), documentation, 6to4
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], // unique-local, link-local, site-local, multicast
] as const) notPublicV6.addSubnet(net, prefix, 'ipv6')

/** IPv4-mapped IPv6 (::ffff:a.b.c.d in any spelling): a push service publishes plain AAAA records. */
const mapped = new BlockList()
mapped.addSubnet('::ffff:0:0', 96, 'ipv6')

export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return !notPublicV4.check(address, 'ipv4')
  if (family === 6) return !mapped.check(address, 'ipv6') && !notPublicV6.check(address, 'ipv6')
  return false
}

export class PushAddressRefused extends Error {
  constructor(readonly hostname: string, readonly address: string) {
    super(`push service ${hostname} resolves to ${address}, which is not a public address`)
  }
}

/**
 * A `lookup` for the socket that carries a push message: it resolves the name, refuses it if any
 * address is not public, and hands the socket only addresses it checked, so what is connected to is
 * what was checked.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses) => {
    if (error) return callback(error, '', 0)
    const refused = addresses.find((a) => !isPublicAddress(a.address))
    if (refused || addresses.length === 0) return callback(new PushAddressRefused(hostname, refused?.address ?? 'nothing'), '', 0)
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses)
    callback(null, addresses[0]!.address, addresses[0]!.family)
  })
}
