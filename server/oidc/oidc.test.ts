import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as client from 'openid-client'
import { db } from '../core/db/index.ts'
import { clock, hours } from '../core/clock.ts'
import { randomToken, sha256Hex } from '../core/crypto.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { BrowserJar } from '../test/browser-jar.ts'
import { registerClient, rotateClientSecret, rotateSigningKey, updateClient, listClients } from './index.ts'
import { mountOidc, type OidcMount } from './hosting.ts'

// The relying party is openid-client over real HTTP against the mounted provider; the "browser" is
// BrowserJar (cookies by path, redirects one by one). The platform's sign-in page is not part of this
// server: a platform session row stands for a completed sign-in (e2e/sso.spec.ts signs in for real).
let server: http.Server
let oidc: OidcMount
let base: string
const REDIRECT = 'http://localhost:4999/callback'
const LOGGED_OUT = 'http://localhost:4999/bye'

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (oidc(req, res)) return
    res.statusCode = 404
    res.end('not the provider')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  oidc = await mountOidc(db(), { issuer: `${base}/oidc`, keyCheckMs: 0 })
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))
afterEach(() => clock.reset())

async function setUp() {
  const tree = await buildTree()
  const admin = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['app.manage'], unit: tree.dept }] }))
  const person = await buildPerson({ unit: tree.division, name: '王小明', title: '科长' })
  const registered = await registerClient(db(), admin, { name: '公车预约', unitId: tree.dept.id, redirectUris: [REDIRECT], postLogoutRedirectUris: [LOGGED_OUT], scopes: ['profile', 'org'] }, buildContext())
  const token = randomToken()
  const now = clock.now()
  await db().session.create({ data: { id: sha256Hex(token), personId: person.id, csrfToken: 'x', createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + hours(8)) } })
  const jar = new BrowserJar()
  jar.set('xt_session', token)
  const config = await client.discovery(new URL(`${base}/oidc`), registered.clientId, undefined, client.ClientSecretBasic(registered.clientSecret), { execute: [client.allowInsecureRequests] })
  return { tree, admin, person, registered, jar, config, token }
}

type Setup = Awaited<ReturnType<typeof setUp>>

/** Authorization request → platform login → consent (allowed) → the callback URL with the code. */
async function authorize(s: Setup, params: Record<string, string> = {}, options: { verifier?: string | null } = {}) {
  const verifier = options.verifier === undefined ? client.randomPKCECodeVerifier() : options.verifier
  const state = client.randomState()
  const url = client.buildAuthorizationUrl(s.config, {
    redirect_uri: REDIRECT, scope: 'openid profile org offline_access', state, prompt: 'consent',
    ...(verifier ? { code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' } : {}),
    ...params,
  })
  const isCallback = (u: URL) => u.href.startsWith(REDIRECT)
  let step = await s.jar.follow(url, isCallback)
  if (!isCallback(step.url) && step.response?.status === 200 && step.url.pathname.startsWith('/oidc/interaction/')) {
    const html = await step.response.text()
    expect(html).toContain('所在单位、职务')
    expect(html).toContain('公车预约')
    step = await s.jar.follow(new URL(`${step.url.pathname}/confirm`, base), isCallback, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: 'decision=allow',
    })
  }
  return { callback: step.url, response: step.response, verifier: verifier ?? '', state }
}

describe('the platform as an OpenID Connect provider', () => {
  it('signs a person in with code + PKCE, consent listing the claims, and gives name, account, units and posts; refresh works', async () => {
    const s = await setUp()
    const discovery = await (await fetch(`${base}/oidc/.well-known/openid-configuration`)).json()
    expect(discovery.code_challenge_methods_supported).toEqual(['S256'])
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(['name', 'account', 'units', 'posts']))
    const { callback, verifier, state } = await authorize(s)
    expect(callback.searchParams.get('code')).toBeTruthy()
    const tokens = await client.authorizationCodeGrant(s.config, callback, { pkceCodeVerifier: verifier, expectedState: state })
    expect(tokens.claims()!.sub).toBe(s.person.id)
    const info = await client.fetchUserInfo(s.config, tokens.access_token, s.person.id)
    expect(info).toMatchObject({ name: '王小明', account: s.person.account, units: [{ id: s.tree.division.id }], posts: [{ title: '科长', unitId: s.tree.division.id }] })
    expect(tokens.refresh_token).toBeTruthy()
    const refreshed = await client.refreshTokenGrant(s.config, tokens.refresh_token!)
    expect(refreshed.access_token).not.toBe(tokens.access_token)
    const consent = await db().auditEvent.findFirst({ where: { action: 'oidc.consent', objectId: s.registered.clientId } })
    expect(consent?.actorId).toBe(s.person.id)
  })

  it('refuses a reused code, a wrong verifier and an expired code', async () => {
    const s = await setUp()
    const first = await authorize(s)
    await client.authorizationCodeGrant(s.config, first.callback, { pkceCodeVerifier: first.verifier, expectedState: first.state })
    await expect(client.authorizationCodeGrant(s.config, first.callback, { pkceCodeVerifier: first.verifier, expectedState: first.state })).rejects.toMatchObject({ error: 'invalid_grant' })

    const second = await authorize(s)
    await expect(client.authorizationCodeGrant(s.config, second.callback, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: second.state })).rejects.toMatchObject({ error: 'invalid_grant' })

    const third = await authorize(s)
    clock.advance(61_000)
    await expect(client.authorizationCodeGrant(s.config, third.callback, { pkceCodeVerifier: third.verifier, expectedState: third.state })).rejects.toMatchObject({ error: 'invalid_grant' })
  })

  it('refuses an authorization request without PKCE and one with an unregistered redirect URI', async () => {
    const s = await setUp()
    const noPkce = await authorize(s, {}, { verifier: null })
    expect(noPkce.callback.href.startsWith(REDIRECT)).toBe(true)
    expect(noPkce.callback.searchParams.get('error')).toBe('invalid_request')
    expect(noPkce.callback.searchParams.get('code')).toBeNull()

    const wrong = await authorize(s, { redirect_uri: 'http://localhost:4999/callback/other' })
    expect(wrong.callback.href.startsWith(REDIRECT)).toBe(false)
    expect(wrong.response?.status).toBe(400)
    expect(await wrong.response!.text()).toContain('无法完成登录')
  })

  it('sends a browser without a platform session to the platform sign-in, and back to the interaction', async () => {
    const s = await setUp()
    const jar = new BrowserJar()
    const url = client.buildAuthorizationUrl(s.config, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256' })
    const step = await jar.follow(url, (u) => u.pathname === '/sign-in')
    expect(step.url.pathname).toBe('/sign-in')
    expect(step.url.searchParams.get('next')).toMatch(/^\/oidc\/interaction\/[\w-]+$/)
  })

  it('ends the provider session when the platform session ends (signed out of the platform means signed out here)', async () => {
    const s = await setUp()
    await authorize(s)
    await db().session.deleteMany({ where: { personId: s.person.id } })
    const again = client.buildAuthorizationUrl(s.config, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256' })
    const step = await s.jar.follow(again, (u) => u.pathname === '/sign-in' || u.href.startsWith(REDIRECT))
    expect(step.url.pathname).toBe('/sign-in')
  })

  it('rotates signing keys: both published, new tokens signed with the new key', async () => {
    const s = await setUp()
    const before = (await (await fetch(`${base}/oidc/jwks`)).json()).keys.map((k: { kid: string }) => k.kid)
    const system = await actorFor(await buildPerson({ unit: s.tree.root }))
    const { kid } = await rotateSigningKey(db(), system, buildContext())
    const after = (await (await fetch(`${base}/oidc/jwks`)).json()).keys
    expect(after.map((k: { kid: string }) => k.kid)).toEqual([kid, ...before])
    expect(after.every((k: Record<string, unknown>) => !('d' in k))).toBe(true)
    const { callback, verifier, state } = await authorize(s)
    const tokens = await client.authorizationCodeGrant(s.config, callback, { pkceCodeVerifier: verifier, expectedState: state })
    const header = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString())
    expect(header.kid).toBe(kid)
  })

  it('RP-initiated logout asks, ends the session and returns to the registered address', async () => {
    const s = await setUp()
    const { callback, verifier, state } = await authorize(s)
    const tokens = await client.authorizationCodeGrant(s.config, callback, { pkceCodeVerifier: verifier, expectedState: state })
    const end = client.buildEndSessionUrl(s.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: LOGGED_OUT })
    const page = await s.jar.follow(end)
    const html = await page.response!.text()
    expect(html).toContain('是否退出统一身份认证')
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!
    const action = /action="([^"]+)"/.exec(html)![1]!
    const done = await s.jar.follow(new URL(action, base), (u) => u.href.startsWith(LOGGED_OUT), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `xsrf=${xsrf}&logout=yes`,
    })
    expect(done.url.href.startsWith(LOGGED_OUT)).toBe(true)
  })

  it('client secrets are shown once, stored hashed, rotated; clients are managed only within app.manage scope', async () => {
    const s = await setUp()
    const row = await db().oidcClient.findUniqueOrThrow({ where: { clientId: s.registered.clientId } })
    expect(row.secretHash).toBe(sha256Hex(s.registered.clientSecret))
    expect(JSON.stringify(await listClients(db(), s.admin))).not.toContain(row.secretHash)
    const outsider = await actorFor(await buildPerson({ unit: s.tree.sibling, grants: [{ permissions: ['app.manage'], unit: s.tree.sibling }] }))
    await expectAppError(rotateClientSecret(db(), outsider, row.id, row.revision, buildContext()), 'not_found')
    await expectAppError(registerClient(db(), outsider, { name: 'x', unitId: s.tree.dept.id, redirectUris: [REDIRECT], postLogoutRedirectUris: [], scopes: [] }, buildContext()), 'not_found')
    expect(await listClients(db(), outsider)).toEqual([])
    const { clientSecret } = await rotateClientSecret(db(), s.admin, row.id, row.revision, buildContext())
    const { callback, verifier, state } = await authorize(s)
    await expect(client.authorizationCodeGrant(s.config, callback, { pkceCodeVerifier: verifier, expectedState: state })).rejects.toMatchObject({ status: 401 })
    const fresh = await client.discovery(new URL(`${base}/oidc`), s.registered.clientId, undefined, client.ClientSecretBasic(clientSecret), { execute: [client.allowInsecureRequests] })
    const again = await authorize({ ...s, config: fresh })
    await client.authorizationCodeGrant(fresh, again.callback, { pkceCodeVerifier: again.verifier, expectedState: again.state })
    const current = await db().oidcClient.findUniqueOrThrow({ where: { id: row.id } })
    await updateClient(db(), s.admin, row.id, { revision: current.revision, disabled: true }, buildContext())
    await expect(client.refreshTokenGrant(fresh, 'whatever')).rejects.toMatchObject({ status: 401 })
  })
})
