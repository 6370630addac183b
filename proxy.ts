/**
 * Every page's Content-Security-Policy, with a fresh nonce per request: Next reads the nonce from the
 * request's CSP header and puts it on its own scripts, so no other script runs (no inline handlers,
 * nothing injected). connect-src names the co-editing server, which listens on its own port.
 * API routes get their headers from endpoint() (app/lib/api.ts) and are not matched here, so this
 * proxy never buffers a request body.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { config as settings, isCookieSecure } from '@/server/core/config.ts'
import { appOrigins } from '@/server/microapps/origins.ts'
import { externalFrameOrigin } from '@/server/microapps/frame-origins.ts'

/** Where browsers open the editor's socket (CoEditor.tsx): REALTIME_PUBLIC_URL, else this host at REALTIME_PORT. */
function realtimeSources(request: NextRequest): string[] {
  const c = settings()
  if (c.REALTIME_PUBLIC_URL) {
    try {
      return [new URL(c.REALTIME_PUBLIC_URL).origin.replace(/^http/, 'ws')]
    } catch {
      return []
    }
  }
  const forwarded = c.TRUST_PROXY ? request.headers.get('x-forwarded-host')?.split(',')[0]!.trim() : undefined
  const host = forwarded || request.headers.get('host') || request.nextUrl.host
  const hostname = host.replace(/:\d+$/, '')
  return [`ws://${hostname}:${c.REALTIME_PORT}`, `wss://${hostname}:${c.REALTIME_PORT}`]
}

/** The LiveKit server the video page connects to (LIVEKIT_URL), as ws(s) and http(s) origins. */
function videoSources(): string[] {
  const url = settings().LIVEKIT_URL
  if (!url) return []
  try {
    const origin = new URL(url).origin
    return [origin.replace(/^http/, 'ws'), origin.replace(/^ws/, 'http')]
  } catch {
    return []
  }
}

export function contentSecurityPolicy(nonce: string, request: NextRequest, extraFrameOrigin: string | null = null): string {
  const isDev = process.env.NODE_ENV === 'development'
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    // React's style attributes (style={{…}}) are inline styles; scripts are what the nonce guards.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Progress videos: our API, and the phone's own recording (blob:) to draw its poster frame.
    "media-src 'self' blob:",
    `connect-src 'self' ${[...realtimeSources(request), ...videoSources()].join(' ')}`,
    // Micro-apps run in sandboxed frames on their own origin (APPS_ORIGIN, server/microapps); an
    // external-URL app's origin is added on its own open page only.
    `frame-src ${appOrigins().apps}${extraFrameOrigin ? ` ${extraFrameOrigin}` : ''}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isCookieSecure() ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

const OPEN_APP = /^\/apps\/([^/]{1,300})\/open$/

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  const opening = OPEN_APP.exec(request.nextUrl.pathname)
  const csp = contentSecurityPolicy(nonce, request, opening ? await externalFrameOrigin(safeDecode(opening[1]!)).catch(() => null) : null)
  const headers = new Headers(request.headers)
  headers.set('x-nonce', nonce)
  headers.set('content-security-policy', csp)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', csp)
  if (isCookieSecure()) response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains')
  return response
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico|sw.js|offline.html|icons/|manifest.webmanifest).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
