/**
 * Where a redirect taken from the request (sign-in's `next`, the language form's `back`) may go: a
 * path on this origin, or nothing. `startsWith('/')` is not enough: browsers read `/\evil.example`
 * as `//evil.example` (another host), and drop tabs and line breaks inside a URL (`/\t/evil.example`).
 */
const BASE = 'http://same-origin.invalid'

export function sameOriginPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return null
  if (/[\\\u0000-\u0020\u007F]/.test(value)) return null
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return null
  }
  if (url.origin !== BASE) return null
  return `${url.pathname}${url.search}${url.hash}`
}
