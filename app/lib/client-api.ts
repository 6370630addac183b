'use client'

export type ApiError = { code: string; message: string; details?: unknown }
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

function csrfToken(): string {
  // `__Host-xt_csrf` when the platform sets secure cookies (csrfCookieName in cookies.ts), else `xt_csrf`.
  const match = document.cookie.split('; ').find((c) => c.startsWith('xt_csrf=') || c.startsWith('__Host-xt_csrf='))
  return match ? decodeURIComponent(match.slice(match.indexOf('=') + 1)) : ''
}

/** Calls our API with the CSRF token; never throws for an HTTP error, so forms can show the message. */
export async function api<T = Record<string, unknown>>(
  path: string,
  options: { method?: string; json?: unknown; form?: FormData } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { 'x-csrf-token': csrfToken() }
  let body: BodyInit | undefined
  if (options.form) body = options.form
  else if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  try {
    const response = await fetch(path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body })
    const data = await response.json().catch(() => ({}))
    if (!response.ok) return { ok: false, error: data.error ?? { code: 'internal', message: response.statusText } }
    return { ok: true, data: data as T }
  } catch {
    return { ok: false, error: { code: 'network', message: navigator.language.startsWith('zh') ? '网络连接失败，请稍后重试。' : 'Network error. Please try again.' } }
  }
}
