/**
 * A request's route pattern (`/documents/[id]`, `/api/documents/[id]/pdf`) for metric labels, from
 * the Next build's routes manifest: the same patterns Next routes by, so their number is bounded by
 * the app's routes whatever URLs clients send. Unknown paths are `other`, Next's assets `/_next`.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

type Manifest = { staticRoutes?: Array<{ page: string }>; dynamicRoutes?: Array<{ page: string; regex: string }> }

export type RoutePattern = (pathname: string) => string

export function routePatterns(distDir: string): RoutePattern {
  const file = path.join(distDir, 'routes-manifest.json')
  const manifest: Manifest = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  const exact = new Set((manifest.staticRoutes ?? []).map((r) => r.page))
  const dynamic = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }))
  return (pathname) => {
    if (pathname.startsWith('/_next/')) return '/_next'
    const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname
    if (exact.has(trimmed)) return trimmed
    for (const route of dynamic) if (route.regex.test(trimmed)) return route.page
    return 'other'
  }
}
