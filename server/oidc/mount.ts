/**
 * Mounts the OpenID Connect provider in the platform's HTTP server (scripts/platform.ts) under /oidc,
 * beside Next's handler: `const oidc = await mountOidc(db)`, then `if (oidc(req, res)) return`.
 * The provider is rebuilt when the signing keys change (checked at most every KEY_CHECK_MS).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type Provider from 'oidc-provider'
import type { Db } from '../core/db/index.ts'
import { logger } from '../core/logger.ts'
import { buildProvider } from './provider.ts'
import { oidcIssuer, OIDC_PREFIX } from './issuer.ts'
import { keySetVersion, signingKeys } from './keys.ts'
import { handleInteraction } from './interaction.ts'

const KEY_CHECK_MS = 30_000
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"

export type OidcMount = ((req: IncomingMessage, res: ServerResponse) => boolean) & { provider: () => Promise<Provider> }

export async function mountOidc(db: Db, options: { issuer?: string; keyCheckMs?: number } = {}): Promise<OidcMount> {
  const issuer = options.issuer ?? oidcIssuer()
  const keyCheckMs = options.keyCheckMs ?? KEY_CHECK_MS
  const build = async () => {
    const keys = await signingKeys(db)
    const provider = await buildProvider(db, keys, issuer)
    // Koa's callback() composes the whole middleware stack: once per provider, not once per request.
    return { provider, callback: provider.callback(), version: await keySetVersion(db), checkedAt: Date.now() }
  }
  let current = await build()
  let pending: Promise<void> | undefined
  const currentBuild = async () => {
    if (Date.now() - current.checkedAt >= keyCheckMs) {
      pending ??= (async () => {
        try {
          const version = await keySetVersion(db)
          if (version !== current.version) current = await build()
          else current.checkedAt = Date.now()
        } finally {
          pending = undefined
        }
      })()
      await pending
    }
    return current
  }
  const provider = async (): Promise<Provider> => (await currentBuild()).provider

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const { provider: p, callback } = await currentBuild()
    res.setHeader('content-security-policy', PAGE_CSP)
    const url = new URL(req.url!, 'http://x')
    const m = /^\/oidc\/interaction\/([\w-]{1,64})(?:\/(\w+))?$/.exec(url.pathname)
    if (m) return handleInteraction(p, db, req, res, m[1]!, m[2])
    ;(req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url
    req.url = req.url!.slice(OIDC_PREFIX.length) || '/'
    await callback(req, res)
  }

  const handle = ((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? ''
    if (url !== OIDC_PREFIX && !url.startsWith(`${OIDC_PREFIX}/`) && !url.startsWith(`${OIDC_PREFIX}?`)) return false
    serve(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'oidc request failed')
      if (!res.headersSent) {
        res.statusCode = 500
        res.end()
      }
    })
    return true
  }) as OidcMount
  handle.provider = provider
  return handle
}
