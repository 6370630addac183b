/**
 * What micro-apps and single sign-on add to the platform's HTTP server, in one place so that
 * scripts/platform.ts calls it once: the OpenID Connect provider under /oidc (server/oidc) and the
 * micro-apps origin (APPS_ORIGIN, its own port) that serves bundled apps with their manifest's CSP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Db } from '../server/core/db/index.ts'

export type MicroappsMount = { handle: (req: IncomingMessage, res: ServerResponse) => boolean; close: () => Promise<void> }

export async function mountMicroapps(db: Db, options: { host: string }): Promise<MicroappsMount> {
  const { mountOidc } = await import('../server/oidc/hosting.ts')
  const oidc = await mountOidc(db)
  const { startAppsOrigin, handleCodeExchange } = await import('../server/microapps/hosting.ts')
  const apps = await startAppsOrigin(db, { host: options.host })
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.url === '/oidc/app-code') {
      void handleCodeExchange(db, req, res).catch(() => { if (!res.headersSent) res.statusCode = 500; res.end() })
      return true
    }
    return oidc(req, res)
  }
  return { handle, close: apps.close }
}
