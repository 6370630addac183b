import { isCookieSecure } from '@/server/core/config.ts'

/**
 * With secure cookies the names carry the `__Host-` prefix: the browser then keeps them only when set
 * over HTTPS, for Path=/, without a Domain, so a sibling subdomain or a plain-http page cannot plant one.
 */
const hostPrefix = () => (isCookieSecure() ? '__Host-' : '')
export const sessionCookieName = () => `${hostPrefix()}xt_session`
export const csrfCookieName = () => `${hostPrefix()}xt_csrf`

type CookieOptions = { maxAgeSeconds?: number; httpOnly: boolean }

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax']
  if (options.httpOnly) parts.push('HttpOnly')
  if (isCookieSecure()) parts.push('Secure')
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`)
  return parts.join('; ')
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return undefined
}

/** Set-Cookie headers for a new session: the httpOnly token, and the CSRF token the page echoes back. */
export function sessionCookies(session: { token: string; csrfToken: string; expiresAt: Date }): string[] {
  const maxAgeSeconds = (session.expiresAt.getTime() - Date.now()) / 1000
  return [
    serializeCookie(sessionCookieName(), session.token, { httpOnly: true, maxAgeSeconds }),
    serializeCookie(csrfCookieName(), session.csrfToken, { httpOnly: false, maxAgeSeconds }),
  ]
}

export function clearedSessionCookies(): string[] {
  return [
    serializeCookie(sessionCookieName(), '', { httpOnly: true, maxAgeSeconds: 0 }),
    serializeCookie(csrfCookieName(), '', { httpOnly: false, maxAgeSeconds: 0 }),
  ]
}
