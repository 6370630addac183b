/**
 * POST /oidc/app-code — an app's back end exchanges a getAuthCode code for the person: HTTP Basic with
 * its OIDC client id and secret, body `code=…` (form) or {"code": …}. Answers the person's claims
 * (sub, name, account, units, posts) once; a spent, expired or another client's code is invalid_grant.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Db } from '../core/db/index.ts'
import { sha256Hex, safeEqual } from '../core/crypto.ts'
import { personClaims } from '../oidc/index.ts'
import { consumeAuthCode } from './auth-code.ts'

function json(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status
  res.setHeader('content-type', 'application/json')
  res.setHeader('cache-control', 'no-store')
  res.end(JSON.stringify(body))
}

export async function handleCodeExchange(db: Db, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return json(res, 405, { error: 'invalid_request' })
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '')
  const [clientId, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').map(decodeURIComponent) : []
  if (!clientId || !secret) return json(res, 401, { error: 'invalid_client' })
  const client = await db.oidcClient.findUnique({ where: { clientId } })
  if (!client || client.disabledAt || !safeEqual(client.secretHash, sha256Hex(secret))) return json(res, 401, { error: 'invalid_client' })
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > 4096) return json(res, 413, { error: 'invalid_request' })
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  let code: string | null = null
  try {
    code = String(req.headers['content-type']?.includes('json') ? JSON.parse(text).code : new URLSearchParams(text).get('code'))
  } catch {
    code = null
  }
  if (!code || code.length > 200) return json(res, 400, { error: 'invalid_request' })
  const spent = await consumeAuthCode(db, clientId, code)
  if (!spent) return json(res, 400, { error: 'invalid_grant' })
  const claims = await personClaims(db, spent.personId)
  if (!claims) return json(res, 400, { error: 'invalid_grant' })
  json(res, 200, { ...claims, appId: spent.appId })
}
