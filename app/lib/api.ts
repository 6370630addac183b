/**
 * The one wrapper every API route goes through. In order: request context, same-origin check on
 * mutations, rate limit per address, session, second-factor and password-change gates, CSRF token,
 * rate limit per person, route permission, the body (read up to the route's size limit, never
 * further), input parsing; then the handler, whose AppErrors (and zod errors from modules) become
 * `{ error: { code, message } }` in the person's language. Object-level permission is decided by the
 * module the handler calls.
 */
import { z, type ZodType } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError, isAppError } from '@/server/core/errors.ts'
import { config, isCookieSecure } from '@/server/core/config.ts'
import { createRateLimiter } from '@/server/core/rate-limit.ts'
import { CONTROL_CHARACTERS, hasControlCharacters } from '@/server/core/text.ts'
import { hasPermission, type Actor, type Permission } from '@/server/core/authz/index.ts'
import { logger } from '@/server/core/logger.ts'
import { safeEqual } from '@/server/core/crypto.ts'
import { isUuid } from '@/server/core/strings.ts'
import type { RequestContext } from '@/server/core/request-context.ts'
import { isPasswordChangeDue, loadActor, resolveSession, type ResolvedSession } from '@/server/auth/index.ts'
import { LOCALE_COOKIE, toLocale, type Locale } from '../i18n/locales.ts'
import { csrfCookieName, sessionCookieName, readCookie } from './cookies.ts'
import { errorMessage, validationIssues } from './errors.ts'

type Access =
  /** No session needed (sign-in, setup, health). */
  | 'public'
  /** A session waiting for its second factor is enough. */
  | 'second-factor'
  /** A full session (the default). */
  | 'signed-in'
  /**
   * A server calling us (LiveKit's webhooks): no session, no same-origin check; the handler must
   * verify the request's signature before it believes anything in it.
   */
  | 'signed-request'

type Options<S extends ZodType | undefined> = {
  access?: Access
  /** Route-level gate: the actor must hold this permission somewhere. Modules check the object. */
  permission?: Permission
  input?: S
  /** Routes a person may use while their password must be changed. */
  allowedWhilePasswordDue?: boolean
  /** The most a request body may hold (default 64 KiB); uploads declare theirs (a function for a limit that is a setting). */
  maxBodyBytes?: number | (() => number)
  /** The error for a body over the limit (default `payload_too_large`), for uploads that name their own. */
  tooLarge?: () => AppError
  /**
   * Which requests-a-minute budget the route spends (config RATE_LIMIT_*): `auth` per address for
   * routes before a full session, `mutation` and `read` per person and per address. Default: from
   * the access and the method.
   */
  rateLimit?: RateClass
}

export type RateClass = 'auth' | 'mutation' | 'read'

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

export type HandlerContext<I> = {
  request: Request
  context: RequestContext
  locale: Locale
  session: ResolvedSession | null
  actor: Actor
  input: I
  params: Record<string, string>
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * `x-client-ip` is set by the platform's HTTP server (scripts/platform.ts) from the socket, or from
 * X-Forwarded-For only with TRUST_PROXY; whatever a client sent under that name is overwritten there.
 */
export function requestContextOf(request: Request): RequestContext {
  return {
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
    ip: request.headers.get('x-client-ip') || null,
    userAgent: request.headers.get('user-agent'),
  }
}

/** The host the browser addressed: X-Forwarded-Host only from a trusted proxy (TRUST_PROXY). */
export function requestHost(request: Request): string | null {
  const forwarded = config().TRUST_PROXY ? request.headers.get('x-forwarded-host')?.split(',')[0]!.trim() : undefined
  return forwarded || request.headers.get('host')
}

function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin') ?? request.headers.get('referer')
  if (!origin) return false
  const host = requestHost(request)
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

export function errorResponse(error: AppError, locale: Locale, headers?: HeadersInit): Response {
  const h = new Headers(headers)
  if (error.code === 'rate_limited' && typeof error.params.seconds === 'number') h.set('retry-after', String(error.params.seconds))
  const details = error.code === 'validation' && Array.isArray(error.details) ? validationIssues(locale, error.details) : error.details
  return Response.json(
    { error: { code: error.code, message: errorMessage(locale, error.code, error.params), details } },
    { status: error.httpStatus, headers: h },
  )
}

/** Headers every API answer carries: no caching of what a session may see, HSTS with secure cookies. */
function withApiHeaders(response: Response): Response {
  try {
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store')
    if (isCookieSecure()) response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains')
  } catch {
    // Some responses (a redirect made by Response.redirect) have immutable headers: leave them.
  }
  return response
}

/**
 * The body, read from the stream and refused as soon as it passes `limit`: a declared length over
 * the limit is refused before reading, and a chunked body (no length) is cut off at the limit, so
 * no request costs more memory than its route allows.
 */
export async function readBoundedBody(request: Request, limit: number, tooLarge: () => AppError): Promise<Uint8Array> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw tooLarge()
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    body.set(c, at)
    at += c.byteLength
  }
  return body
}

async function readInput(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return Object.fromEntries(new URL(request.url).searchParams)
  }
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('multipart/form-data')) {
    return request.formData().catch(() => {
      throw new AppError('validation', {}, [{ path: [], message: 'multipart_expected' }])
    })
  }
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(await request.text()))
  const text = await request.text()
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('validation', {}, [{ path: [], message: 'invalid_json' }])
  }
}

/** The first string in the input (JSON, query or form field) holding NUL or another control character. */
function controlCharacterPath(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (typeof value === 'string') return hasControlCharacters(value) ? path : null
  if (depth > 20 || value === null || typeof value !== 'object') return null
  if (value instanceof FormData) {
    for (const [k, v] of value) if (typeof v === 'string' && hasControlCharacters(v)) return [k]
    return null
  }
  if (value instanceof Blob) return null
  for (const [k, v] of Object.entries(value)) {
    const found = controlCharacterPath(v, [...path, Array.isArray(value) ? Number(k) : k], depth + 1)
    if (found) return found
  }
  return null
}

const limiter = { current: undefined as ReturnType<typeof createRateLimiter> | undefined, maxKeys: 0 }

function rateLimiter() {
  const maxKeys = config().RATE_LIMIT_MAX_KEYS
  if (!limiter.current || limiter.maxKeys !== maxKeys) {
    limiter.current = createRateLimiter(maxKeys)
    limiter.maxKeys = maxKeys
  }
  return limiter.current
}

/** Tests only: forget every counter. */
export function resetRateLimits(): void {
  limiter.current?.clear()
}

function rateLimitOf(rateClass: RateClass): number {
  const c = config()
  return rateClass === 'auth' ? c.RATE_LIMIT_AUTH_PER_MINUTE : rateClass === 'mutation' ? c.RATE_LIMIT_MUTATIONS_PER_MINUTE : c.RATE_LIMIT_READS_PER_MINUTE
}

/** Count the request against `who` (an address or a person); over the budget: `rate_limited` with the wait. */
function spend(rateClass: RateClass, who: string, limit: number): void {
  if (!config().RATE_LIMIT) return
  const wait = rateLimiter().hit(`${rateClass}:${who}`, limit)
  if (wait !== null) throw new AppError('rate_limited', { seconds: wait })
}

const anonymous: Actor = { personId: '', name: '', account: '', sessionId: '', grants: [] }

export function endpoint<S extends ZodType | undefined = undefined>(
  options: Options<S>,
  handler: (ctx: HandlerContext<S extends ZodType ? z.infer<S> : undefined>) => Promise<unknown>,
) {
  return async (request: Request, route: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const context = requestContextOf(request)
    const cookieHeader = request.headers.get('cookie')
    const locale = toLocale(readCookie(cookieHeader, LOCALE_COOKIE))
    const access = options.access ?? 'signed-in'
    const mutating = MUTATING.has(request.method)
    const rateClass = options.rateLimit ?? (access !== 'signed-in' && mutating ? 'auth' : mutating ? 'mutation' : 'read')
    const budget = rateLimitOf(rateClass)
    try {
      if (mutating && access !== 'signed-request' && !isSameOrigin(request)) throw new AppError('auth.csrf')
      // Per address before any work; offices share an address, so it gets several people's budget.
      spend(rateClass, `ip:${context.ip ?? 'unknown'}`, rateClass === 'auth' ? budget : budget * config().RATE_LIMIT_ADDRESS_FACTOR)
      const session = await resolveSession(db(), readCookie(cookieHeader, sessionCookieName()))
      let actor = anonymous
      if (access !== 'public' && access !== 'signed-request') {
        if (!session) throw new AppError('auth.required')
        if (session.isSecondFactorPending && access !== 'second-factor') throw new AppError('auth.second_factor_required')
        if (MUTATING.has(request.method)) {
          const token = request.headers.get('x-csrf-token') ?? ''
          if (!safeEqual(token, session.csrfToken) || token !== readCookie(cookieHeader, csrfCookieName())) throw new AppError('auth.csrf')
        }
        spend(rateClass, `person:${session.person.id}`, budget)
        if (!options.allowedWhilePasswordDue && !session.isSecondFactorPending && isPasswordChangeDue(session.person)) {
          throw new AppError('auth.password_change_required')
        }
        actor = await loadActor(db(), session)
        if (options.permission && !hasPermission(actor, options.permission)) throw new AppError('forbidden')
      }
      const params = (await route?.params) ?? {}
      // Every [id] in our routes is a UUID; anything else names nothing.
      if (params.id !== undefined && !isUuid(params.id)) throw new AppError('not_found')
      // The handler gets a copy of the request over the bounded body; the original stream is never read past the limit.
      let bounded = request
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const limit = (typeof options.maxBodyBytes === 'function' ? options.maxBodyBytes() : options.maxBodyBytes) ?? DEFAULT_MAX_BODY_BYTES
        const body = await readBoundedBody(request, limit, options.tooLarge ?? (() => new AppError('payload_too_large', { maxKb: Math.floor(limit / 1024) })))
        bounded = new Request(request.url, { method: request.method, headers: request.headers, body: body.byteLength ? (body as BodyInit) : null, signal: request.signal })
      }
      let input: unknown = undefined
      if (options.input) {
        const raw = await readInput(bounded)
        const badPath = controlCharacterPath(raw)
        if (badPath) throw new AppError('validation', {}, [{ path: badPath, message: CONTROL_CHARACTERS }])
        const parsed = options.input.safeParse(raw)
        if (!parsed.success) throw validationError(parsed.error)
        input = parsed.data
      }
      const result = await handler({ request: bounded, context, locale, session, actor, input: input as never, params })
      if (result instanceof Response) return withApiHeaders(result)
      return withApiHeaders(Response.json(result ?? { ok: true }))
    } catch (error) {
      if (error instanceof z.ZodError) return withApiHeaders(errorResponse(validationError(error), locale))
      if (isAppError(error)) {
        if (error.httpStatus >= 500) logger.error({ err: error, requestId: context.requestId }, 'request failed')
        return withApiHeaders(errorResponse(error, locale))
      }
      logger.error({ err: error, requestId: context.requestId, url: request.url }, 'unexpected error')
      return withApiHeaders(errorResponse(new AppError('internal', { requestId: context.requestId }), locale))
    }
  }
}

/** A zod error, from the route's schema or thrown by a module's own parse, as the `validation` AppError. */
function validationError(error: z.ZodError): AppError {
  return new AppError('validation', {}, error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code,
    message: i.message,
    ...('minimum' in i ? { minimum: Number(i.minimum) } : {}),
    ...('maximum' in i ? { maximum: Number(i.maximum) } : {}),
    ...('origin' in i ? { origin: i.origin } : {}),
    ...('input' in i && i.code === 'invalid_type' && i.input === undefined ? { missing: true } : {}),
  })))
}

/** JSON-safe: BigInt ids become strings. */
export function json(value: unknown, init?: ResponseInit): Response {
  return new Response(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  })
}
