/**
 * What the first-party apps' back ends share: signing a person in with a getAuthCode code (exchanged
 * at the platform's /oidc/app-code with the client's id and secret), a signed bearer token as the
 * session (the app's frame has an opaque origin: no cookies), CORS for that frame, small JSON bodies.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Db } from '../../server/core/db/index.ts'
import { clock, hours } from '../../server/core/clock.ts'
import { backendSecretKey } from '../../server/microapps/index.ts'

export type BackendContext = { db: Db; origins: { platform: string; apps: string }; base: string }
export type Person = { sub: string; name: string; unit: string; exp: number }

export function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify(body))
}

/** CORS for the sandboxed frame (origin "null"): the bearer token, not a cookie, is the credential. True: answered (preflight). */
export function cors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('access-control-allow-origin', '*')
  res.setHeader('access-control-allow-headers', 'authorization, content-type')
  res.setHeader('access-control-allow-methods', 'GET, POST')
  if (req.method !== 'OPTIONS') return false
  res.end()
  return true
}

export async function readJson(req: IncomingMessage, limit = 8192): Promise<Record<string, unknown>> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const c of req) {
    size += (c as Buffer).length
    if (size > limit) throw new Error('too large')
    chunks.push(c as Buffer)
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
}

export async function clientSecret(db: Db, appId: string): Promise<string> {
  const row = await db.systemSetting.findUnique({ where: { key: backendSecretKey(appId) } })
  if (!row) throw new Error(`the back end of ${appId} has no client secret`)
  return row.value as string
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')

/** Exchange the app's code for the person and make the back end's own session token (8 hours). */
export async function signIn(context: BackendContext, clientId: string, secret: string, code: unknown): Promise<{ token: string; person: Person } | null> {
  const answer = await fetch(`${context.origins.platform}/oidc/app-code`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code: String(code ?? '') }),
  })
  if (!answer.ok) return null
  const claims = (await answer.json()) as { sub: string; name: string; units: { name: string }[] }
  const person = { sub: claims.sub, name: claims.name, unit: claims.units[0]?.name ?? '', exp: clock.now().getTime() + hours(8) }
  return { token: sessionToken(secret, person), person }
}

/** The back end's own session token for a person: the claims it keeps, signed with its client secret. */
export function sessionToken(secret: string, person: Person): string {
  const payload = Buffer.from(JSON.stringify(person)).toString('base64url')
  return `${payload}.${mac(secret, payload)}`
}

/** The person behind a bearer token, if it is ours and not expired. */
export function verify(secret: string, header: string | undefined): Person | null {
  const [payload, given] = (header ?? '').replace(/^Bearer /, '').split('.')
  if (!payload || !given) return null
  const expected = Buffer.from(mac(secret, payload))
  if (expected.length !== Buffer.from(given).length || !timingSafeEqual(expected, Buffer.from(given))) return null
  const person = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Person
  return person.exp > clock.now().getTime() ? person : null
}
