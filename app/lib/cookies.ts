import { isCookieSecure } from '@/server/core/config.ts'

export const SESSION_COOKIE = 'xt_session'
export const CSRF_COOKIE = 'xt_csrf'

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
    serializeCookie(SESSION_COOKIE, session.token, { httpOnly: true, maxAgeSeconds }),
    serializeCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, maxAgeSeconds }),
  ]
}

export function clearedSessionCookies(): string[] {
  return [
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, maxAgeSeconds: 0 }),
    serializeCookie(CSRF_COOKIE, '', { httpOnly: false, maxAgeSeconds: 0 }),
  ]
}
