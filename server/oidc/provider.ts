/**
 * The platform as an OpenID Connect provider (oidc-provider 9): authorization code with PKCE (S256,
 * required for every client), discovery, JWKS, refresh tokens (scope offline_access), userinfo,
 * RP-initiated logout. Login and consent are the platform's own (interaction.ts): its sign-in with the
 * second factor, and a consent screen listing the claims. Client secrets are stored as SHA-256, so the
 * provider compares the hash of what a client presents.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import Provider, { interactionPolicy } from 'oidc-provider'
import type { Db } from '../core/db/index.ts'
import { config } from '../core/config.ts'
import { randomToken } from '../core/crypto.ts'
import { pgAdapter } from './adapter.ts'
import { claimsByScope, personClaims } from './claims.ts'
import { platformSessionOf } from './platform-session.ts'
import { errorPage, logoutPage, loggedOutPage } from './pages.ts'

import { OIDC_PREFIX, oidcIssuer } from './issuer.ts'

async function cookieKeys(db: Db): Promise<string[]> {
  const key = 'oidc.cookieKeys'
  const found = await db.systemSetting.findUnique({ where: { key } })
  if (found) return found.value as string[]
  const value = [randomToken()]
  await db.systemSetting.upsert({ where: { key }, create: { key, value }, update: {} })
  return ((await db.systemSetting.findUnique({ where: { key } }))!.value as string[]) ?? value
}

export const tokenLifetimes = {
  AuthorizationCode: 60,
  AccessToken: 600,
  IdToken: 3600,
  RefreshToken: 7 * 24 * 3600,
  Interaction: 600,
  Session: 12 * 3600,
  Grant: 30 * 24 * 3600,
} as const

export async function buildProvider(db: Db, keys: Record<string, unknown>[], issuer = oidcIssuer()): Promise<Provider> {
  const policy = interactionPolicy.base()
  // The provider's own session lasts only while the platform's does, for the same person: signing out
  // of the platform (or another person signing in on this browser) asks for the login again.
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('platform_session', 'the platform session ended', async (ctx) => {
      const accountId = ctx.oidc.session?.accountId
      if (!accountId) return interactionPolicy.Check.REQUEST_PROMPT
      const session = await platformSessionOf(db, ctx.req.headers.cookie)
      return session?.personId === accountId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT
    }),
  )

  const provider = new Provider(issuer, {
    adapter: pgAdapter(db),
    clients: [],
    jwks: { keys: keys as never },
    cookies: { keys: await cookieKeys(db), long: { signed: true, httpOnly: true, sameSite: 'lax' }, short: { signed: true, httpOnly: true, sameSite: 'lax' } },
    claims: { openid: [...claimsByScope.openid], profile: [...claimsByScope.profile], org: [...claimsByScope.org] },
    scopes: ['openid', 'offline_access', 'profile', 'org'],
    pkce: { required: () => true },
    ttl: tokenLifetimes,
    interactions: { policy, url: (_ctx, interaction) => `${OIDC_PREFIX}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutPage, postLogoutSuccessSource: loggedOutPage },
    },
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'RS256' },
    clientAuthMethods: ['client_secret_basic'],
    responseTypes: ['code'],
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    findAccount: async (_ctx, sub) => {
      const claims = await personClaims(db, sub)
      if (!claims) return undefined
      return { accountId: sub, claims: async () => claims }
    },
    renderError: errorPage,
  })
  provider.proxy = config().TRUST_PROXY
  const hash = (s: string) => createHash('sha256').update(s).digest()
  provider.Client.prototype.compareClientSecret = function (this: { clientSecret: string }, actual: string) {
    const stored = Buffer.from(this.clientSecret ?? '', 'hex')
    const given = hash(actual)
    return stored.length === given.length && timingSafeEqual(stored, given)
  }
  return provider
}
