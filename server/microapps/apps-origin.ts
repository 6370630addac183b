/**
 * The micro-apps origin: a plain HTTP server on its own port (APPS_ORIGIN), never the platform's
 * origin, so an app shares nothing with the platform (cookies, storage) even before the sandbox. It
 * serves the SDK (/sdk.js), each listed app's bundled files under /<appId>/ with the CSP made from
 * its approved manifest, and first-party apps' back ends under /svc/<appId>/ (plugins/<app>/server.ts).
 */
import http from 'node:http'
import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Db } from '../core/db/index.ts'
import { config } from '../core/config.ts'
import { logger } from '../core/logger.ts'
import { appCsp, manifestSchema, type Manifest } from './manifest.ts'
import { appOrigins } from './origins.ts'
import { bundleFile, bundles, pluginsRoot } from './bundles.ts'
import { readAppFile } from './app-files.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
}

export type PluginBackend = { handle: (req: http.IncomingMessage, res: http.ServerResponse, context: { db: Db; origins: { platform: string; apps: string }; base: string }) => Promise<void> }

let sdkSource: Promise<string> | undefined
/** The SDK (plugins/sdk) bundled once for the browser: `window.xt`, loaded by apps from this origin (no CDN). */
export function sdkBundle(): Promise<string> {
  sdkSource ??= (async () => {
    const esbuild = await import('esbuild')
    const result = await esbuild.build({ entryPoints: [path.join(pluginsRoot, 'sdk/src/global.ts')], bundle: true, format: 'iife', write: false, target: 'es2020', minify: true })
    return result.outputFiles[0]!.text
  })()
  return sdkSource
}

const listed = new Map<string, { manifest: Manifest; at: number }>()
/** The approved manifest of a listed app (cached 10 s: delisting takes effect within that). */
async function listedManifest(db: Db, appId: string): Promise<Manifest | null> {
  const hit = listed.get(appId)
  if (hit && Date.now() - hit.at < 10_000) return hit.manifest
  const app = await db.microApp.findUnique({ where: { id: appId }, select: { status: true, currentVersionId: true } })
  if (!app || app.status !== 'LISTED' || !app.currentVersionId) return null
  const version = await db.microAppVersion.findUnique({ where: { id: app.currentVersionId } })
  const manifest = manifestSchema.parse(version!.manifest)
  if (listed.size > 1000) listed.clear()
  listed.set(appId, { manifest, at: Date.now() })
  return manifest
}

const backends = new Map<string, Promise<PluginBackend | null>>()
function backendOf(appId: string): Promise<PluginBackend | null> {
  let found = backends.get(appId)
  if (!found) {
    const bundle = bundles().get(appId)
    const file = bundle ? path.join(bundle.dir, 'server.ts') : ''
    found = bundle && existsSync(file) ? import(file).then((m) => m as PluginBackend) : Promise.resolve(null)
    backends.set(appId, found)
  }
  return found
}

export function appsRequestHandler(db: Db) {
  const origins = appOrigins()
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('referrer-policy', 'no-referrer')
    const url = new URL(req.url ?? '/', origins.apps)
    const parts = url.pathname.split('/').filter(Boolean)
    try {
      if (url.pathname === '/sdk.js') {
        res.setHeader('content-type', TYPES['.js']!)
        res.setHeader('cache-control', 'no-cache')
        res.end(await sdkBundle())
        return
      }
      if (parts[0] === 'files' && parts.length === 3 && req.method === 'GET') {
        // A file a person gave an app (chooseImage / uploadFile): the reference is the capability.
        // Readable by the app's opaque origin, the refusal too (a 404 the app can see, not a CORS error).
        res.setHeader('access-control-allow-origin', '*')
        const file = await readAppFile(db, parts[1]!, parts[2]!)
        if (file) {
          res.setHeader('content-type', file.mime)
          res.setHeader('content-security-policy', "default-src 'none'; sandbox")
          res.setHeader('content-disposition', `${file.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          res.setHeader('cache-control', 'private, max-age=3600')
          res.end(Buffer.from(file.bytes))
          return
        }
      } else if (parts[0] === 'svc' && parts[1]) {
        const backend = await backendOf(parts[1])
        if (backend && (await listedManifest(db, parts[1]))) return await backend.handle(req, res, { db, origins, base: `/svc/${parts[1]}/` })
      } else if (parts.length >= 2 && req.method === 'GET') {
        const [appId, ...rest] = parts
        const manifest = await listedManifest(db, appId!)
        const found = manifest ? bundleFile(appId!, rest.join('/')) : null
        if (manifest && found) {
          const type = TYPES[path.extname(found.file)] ?? 'application/octet-stream'
          res.setHeader('content-type', type)
          res.setHeader('content-security-policy', appCsp({ ...manifest, networkOrigins: [...manifest.networkOrigins, ...(existsSync(path.join(bundles().get(appId!)!.dir, 'server.ts')) ? [`${origins.apps}/svc/${appId}/`] : []), ...(manifest.scopes.includes('file.upload') ? [`${origins.apps}/files/`] : [])] }, origins))
          res.setHeader('cache-control', 'no-cache')
          res.end(await readFile(found.file))
          return
        }
      }
      res.statusCode = 404
      res.setHeader('content-type', 'text/plain; charset=utf-8')
      res.end('not found')
    } catch (error) {
      logger.error({ err: error, url: req.url }, 'apps origin request failed')
      if (!res.headersSent) res.statusCode = 500
      res.end()
    }
  }
}

/** Starts the apps origin on APPS_PORT (unless APPS_ORIGIN points elsewhere and RUN_APPS_ORIGIN=0). */
export async function startAppsOrigin(db: Db, options: { host: string; port?: number }): Promise<{ close: () => Promise<void>; port: number }> {
  if (process.env.RUN_APPS_ORIGIN === '0') return { close: async () => undefined, port: 0 }
  const server = http.createServer(appsRequestHandler(db))
  server.keepAliveTimeout = 65_000
  const port = options.port ?? config().APPS_PORT
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, options.host, () => resolve())
  })
  return { port: (server.address() as { port: number }).port, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()) }) }
}
