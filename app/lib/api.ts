/**
 * The one wrapper every API route goes through. In order: request context, same-origin check on
 * mutations, session, second-factor and password-change gates, CSRF token, route permission, input
 * parsing; then the handler, whose AppErrors become `{ error: { code, message } }` in the person's language.
 * Object-level permission is decided by the module the handler calls.
 */
import { z, type ZodType } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError, isAppError } from '@/server/core/errors.ts'
import { hasPermission, type Actor, type Permission } from '@/server/core/authz/index.ts'
import { logger } from '@/server/core/logger.ts'
import { safeEqual } from '@/server/core/crypto.ts'
import { isUuid } from '@/server/core/strings.ts'
import type { RequestContext } from '@/server/core/request-context.ts'
import { isPasswordChangeDue, loadActor, resolveSession, type ResolvedSession } from '@/server/auth/index.ts'
import { LOCALE_COOKIE, toLocale, type Locale } from '../i18n/locales.ts'
import { CSRF_COOKIE, SESSION_COOKIE, readCookie } from './cookies.ts'
import { errorMessage } from './errors.ts'

type Access =
  /** No session needed (sign-in, setup, health). */
  | 'public'
  /** A session waiting for its second factor is enough. */
  | 'second-factor'
  /** A full session (the default). */
  | 'signed-in'

type Options<S extends ZodType | undefined> = {
  access?: Access
  /** Route-level gate: the actor must hold this permission somewhere. Modules check the object. */
  permission?: Permission
  input?: S
  /** Routes a person may use while their password must be changed. */
  allowedWhilePasswordDue?: boolean
}

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

export function requestContextOf(request: Request): RequestContext {
  return {
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
    ip: request.headers.get('x-client-ip') || null,
    userAgent: request.headers.get('user-agent'),
  }
}

function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin') ?? request.headers.get('referer')
  if (!origin) return false
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

export function errorResponse(error: AppError, locale: Locale, headers?: HeadersInit): Response {
  return Response.json(
    { error: { code: error.code, message: errorMessage(locale, error.code, error.params), details: error.details } },
    { status: error.httpStatus, headers },
  )
}

async function readInput(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return Object.fromEntries(new URL(request.url).searchParams)
  }
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('multipart/form-data')) return request.formData()
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(await request.text()))
  const text = await request.text()
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('validation', {}, [{ path: [], message: 'invalid JSON' }])
  }
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
    try {
      if (MUTATING.has(request.method) && !isSameOrigin(request)) throw new AppError('auth.csrf')
      const session = await resolveSession(db(), readCookie(cookieHeader, SESSION_COOKIE))
      let actor = anonymous
      if (access !== 'public') {
        if (!session) throw new AppError('auth.required')
        if (session.isSecondFactorPending && access !== 'second-factor') throw new AppError('auth.second_factor_required')
        if (MUTATING.has(request.method)) {
          const token = request.headers.get('x-csrf-token') ?? ''
          if (!safeEqual(token, session.csrfToken) || token !== readCookie(cookieHeader, CSRF_COOKIE)) throw new AppError('auth.csrf')
        }
        if (!options.allowedWhilePasswordDue && !session.isSecondFactorPending && isPasswordChangeDue(session.person)) {
          throw new AppError('auth.password_change_required')
        }
        actor = await loadActor(db(), session)
        if (options.permission && !hasPermission(actor, options.permission)) throw new AppError('forbidden')
      }
      const params = (await route?.params) ?? {}
      // Every [id] in our routes is a UUID; anything else names nothing.
      if (params.id !== undefined && !isUuid(params.id)) throw new AppError('not_found')
      let input: unknown = undefined
      if (options.input) {
        const parsed = options.input.safeParse(await readInput(request))
        if (!parsed.success) {
          throw new AppError('validation', {}, parsed.error.issues.map((i) => ({ path: i.path, message: i.message })))
        }
        input = parsed.data
      }
      const result = await handler({ request, context, locale, session, actor, input: input as never, params })
      if (result instanceof Response) return result
      return Response.json(result ?? { ok: true })
    } catch (error) {
      if (isAppError(error)) {
        if (error.httpStatus >= 500) logger.error({ err: error, requestId: context.requestId }, 'request failed')
        return errorResponse(error, locale)
      }
      logger.error({ err: error, requestId: context.requestId, url: request.url }, 'unexpected error')
      return errorResponse(new AppError('internal', { requestId: context.requestId }), locale)
    }
  }
}

/** JSON-safe: BigInt ids become strings. */
export function json(value: unknown, init?: ResponseInit): Response {
  return new Response(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  })
}
