/**
 * The micro-app manifest (manifest.json beside the app's files), validated with zod. Problems carry
 * `validation.microapp_*` keys, so a developer reads them in their language. The checks that keep an
 * app contained are here too: network origins are plain https origins (they become the app's CSP
 * connect-src, so nothing that could widen or inject a directive passes), an external entry is https
 * and never the platform's own origin, a bundled entry is a relative path inside the bundle.
 */
import { z } from 'zod'
import { appCategories, appScopes } from './scopes.ts'

const text = (max: number) => z.string().trim().min(1).max(max).refine((s) => !/[\u0000-\u001f\u007f<>]/.test(s), 'microapp_text')

/** scheme://host[:port], https only (http only for localhost in development), nothing else. */
export const networkOrigin = z.string().max(200).refine((value) => {
  if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(value)) return false
  const url = new URL(value)
  return url.protocol === 'https:' || ['localhost', '127.0.0.1'].includes(url.hostname)
}, 'microapp_origin')

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value)
    if (url.username || url.password) return false
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname))
  } catch {
    return false
  }
}

const bundledPath = z.string().max(200).regex(/^(?!\/)(?!.*\.\.)[\w./-]+\.html$/, 'microapp_entry_path')

export const manifestSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+){1,5}$/, 'microapp_id').max(100),
  name: text(40),
  nameEn: text(60).optional(),
  description: text(500),
  icon: text(4),
  version: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, 'microapp_version'),
  developerUnit: z.uuid(),
  category: z.enum(appCategories),
  entry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('bundled'), path: bundledPath }),
    z.object({ type: z.literal('url'), url: z.string().max(500).refine(isWebUrl, 'microapp_entry_url') }),
  ]),
  scopes: z.array(z.enum(appScopes)).max(appScopes.length).default([]),
  networkOrigins: z.array(networkOrigin).max(10).default([]),
  visibility: z.object({ units: z.array(z.uuid()).max(50).default([]), roles: z.array(z.string().max(60)).max(20).default([]) }).default({ units: [], roles: [] }),
  platforms: z.object({ phone: z.boolean(), desktop: z.boolean() }).refine((p) => p.phone || p.desktop, 'microapp_platforms'),
  /** The OIDC client of the app's back end (getAuthCode's clientId), if it has one. */
  clientId: z.string().max(60).optional(),
}).strict()

export type Manifest = z.infer<typeof manifestSchema>

/**
 * Review-time refusals beyond the shape: an entry or network origin on the platform's own origin
 * (an app must never be framed as, or talk to, the platform with its session) or on the apps origin.
 */
export function reviewProblems(manifest: Manifest, origins: { platform: string; apps: string }): string[] {
  const problems: string[] = []
  const forbidden = new Set([new URL(origins.platform).origin, new URL(origins.apps).origin])
  if (manifest.entry.type === 'url' && forbidden.has(new URL(manifest.entry.url).origin)) problems.push('microapp_entry_platform')
  for (const o of manifest.networkOrigins) if (forbidden.has(new URL(o).origin)) problems.push('microapp_origin_platform')
  return problems
}

/** The app's Content-Security-Policy on the apps origin: its own files, its declared origins, nothing else. */
export function appCsp(manifest: Manifest, origins: { platform: string; apps: string }): string {
  const apps = new URL(origins.apps).origin
  return [
    "default-src 'none'",
    `script-src ${apps}`,
    `style-src ${apps} 'unsafe-inline'`,
    `img-src ${apps} data: blob:`,
    `font-src ${apps}`,
    `connect-src ${manifest.networkOrigins.join(' ') || "'none'"}`,
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${new URL(origins.platform).origin}`,
    'sandbox allow-scripts allow-forms',
  ].join('; ')
}
