/**
 * The login and consent interactions. Login is the platform's own sign-in (password, then the second
 * factor): without a complete platform session the browser goes to /sign-in and comes back here.
 * Consent lists the claims the client asks for; the decision is audited.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type Provider from 'oidc-provider'
import type { Db } from '../core/db/index.ts'
import { recordAudit } from '../core/audit/index.ts'
import { claimScopes, type ClaimScope } from './claims.ts'
import { platformSessionOf } from './platform-session.ts'
import { consentPage, localeOf, messagePage, texts } from './pages.ts'
import { OIDC_PREFIX } from './issuer.ts'

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status
  res.setHeader('content-type', 'text/html; charset=utf-8')
  res.setHeader('cache-control', 'no-store')
  res.end(html)
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303
  res.setHeader('location', location)
  res.end()
}

async function readForm(req: IncomingMessage, limit = 4096): Promise<URLSearchParams> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function contextOf(req: IncomingMessage) {
  return { requestId: String(req.headers['x-request-id'] ?? ''), ip: String(req.headers['x-client-ip'] ?? '') || null, userAgent: req.headers['user-agent'] ?? null }
}

function requestedScopes(details: Awaited<ReturnType<Provider['interactionDetails']>>): Set<string> {
  return new Set(String(details.params.scope ?? '').split(' ').filter(Boolean))
}

/** Answers /oidc/interaction/:uid (GET) and /oidc/interaction/:uid/confirm (POST). */
export async function handleInteraction(provider: Provider, db: Db, req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
  const locale = localeOf(req.headers.cookie)
  const t = texts(locale)
  let details: Awaited<ReturnType<Provider['interactionDetails']>>
  try {
    details = await provider.interactionDetails(req, res)
    if (details.uid !== uid) throw new Error('uid mismatch')
  } catch {
    return send(res, 400, messagePage(locale, t.errorTitle, t.interactionExpired))
  }
  const session = await platformSessionOf(db, req.headers.cookie)
  if (!session) return redirect(res, `/sign-in?next=${encodeURIComponent(`${OIDC_PREFIX}/interaction/${uid}`)}`)

  if (details.prompt.name === 'login') {
    const row = await db.session.findUnique({ where: { id: session.sessionId }, select: { createdAt: true } })
    await provider.interactionFinished(req, res, { login: { accountId: session.personId, ts: Math.floor((row?.createdAt ?? new Date()).getTime() / 1000) } }, { mergeWithLastSubmission: false })
    return
  }
  if (details.prompt.name !== 'consent' || details.session?.accountId !== session.personId) {
    // Another person signed in on this browser meanwhile: log in again as whoever is signed in now.
    await provider.interactionFinished(req, res, { login: { accountId: session.personId } }, { mergeWithLastSubmission: false })
    return
  }
  const clientId = String(details.params.client_id)
  const client = await provider.Client.find(clientId)
  if (!client) return send(res, 400, messagePage(locale, t.errorTitle, t.interactionExpired))
  const scopes = requestedScopes(details)

  if (req.method === 'GET' && !action) {
    const person = await db.person.findUnique({ where: { id: session.personId }, select: { name: true } })
    return send(res, 200, consentPage({
      locale, uid, clientName: client.clientName ?? clientId, personName: person?.name ?? '',
      scopes: claimScopes.filter((s) => scopes.has(s)) as ClaimScope[], offline: scopes.has('offline_access'),
    }))
  }
  if (req.method !== 'POST' || action !== 'confirm') return send(res, 405, messagePage(locale, t.errorTitle))
  // A form posted from another site carries no interaction cookie (SameSite=Lax), and we check the origin too.
  const origin = req.headers.origin
  if (origin && origin !== 'null' && new URL(origin).host !== req.headers.host) return send(res, 403, messagePage(locale, t.errorTitle))
  const form = await readForm(req).catch(() => null)
  if (!form) return send(res, 413, messagePage(locale, t.errorTitle))
  const person = await db.person.findUnique({ where: { id: session.personId }, select: { name: true } })
  const actor = { personId: session.personId, name: person?.name ?? '' }

  if (form.get('decision') !== 'allow') {
    await db.$transaction((tx) => recordAudit(tx, { actor, action: 'oidc.consent', objectType: 'oidc_client', objectId: clientId, outcome: 'DENIED', details: { scopes: [...scopes] }, context: contextOf(req) }))
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the person denied access' }, { mergeWithLastSubmission: false })
    return
  }
  const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId: session.personId, clientId })
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> }
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
  for (const [indicator, s] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, s.join(' '))
  const grantId = await grant.save()
  await db.$transaction((tx) => recordAudit(tx, { actor, action: 'oidc.consent', objectType: 'oidc_client', objectId: clientId, details: { scopes: [...scopes] }, context: contextOf(req) }))
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true })
}
