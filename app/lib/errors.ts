import { createTranslator } from 'next-intl'
import { notFound } from 'next/navigation'
import { AppError, isAppError, type ErrorCode } from '@/server/core/errors.ts'
import { messagesFor } from '../i18n/messages.ts'
import type { Locale } from '../i18n/locales.ts'

/** The person-facing message for an error code, in their language. Dates are shown in Beijing time. */
export function errorMessage(locale: Locale, code: ErrorCode, params: AppError['params'] = {}): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'errors' })
  const values = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      v instanceof Date ? v.toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : v,
    ]),
  )
  return t(code as never, values as never)
}

/**
 * A page's object, or the not-found page when the module refuses it (absent, or not the viewer's to
 * see: a page does not tell the two apart). Other errors propagate.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read
  } catch (error) {
    if (isAppError(error)) notFound()
    throw error
  }
}

type Issue = { path?: unknown; code?: string; message?: string; minimum?: number; maximum?: number; origin?: string }
const ISSUE_KEYS = new Set(['control_characters', 'invalid_json', 'multipart_expected', 'file_required'])

/**
 * A validation error's problems, each with a message in the person's language (`validation.<key>`);
 * zod's own English text never reaches a page.
 */
export function validationIssues(locale: Locale, issues: unknown[]): { path: unknown; message: string }[] {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'validation' })
  return issues.map((raw) => {
    const issue = (raw ?? {}) as Issue
    const path = Array.isArray(issue.path) ? issue.path : []
    const isText = issue.origin === 'string'
    if (issue.message && ISSUE_KEYS.has(issue.message)) return { path, message: t(issue.message as never) }
    // Modules' own rules name a key of theirs under validation (e.g. microapp_redirect_uri).
    if (issue.message && /^[a-z]+_[a-z_]+$/.test(issue.message) && t.has(issue.message as never)) return { path, message: t(issue.message as never) }
    if (issue.code === 'too_small' && issue.minimum !== undefined) {
      if (isText && issue.minimum <= 1) return { path, message: t('required') }
      return { path, message: isText ? t('too_short', { min: issue.minimum }) : t('too_small', { min: issue.minimum }) }
    }
    if (issue.code === 'too_big' && issue.maximum !== undefined) {
      return { path, message: isText ? t('too_long', { max: issue.maximum }) : t('too_big', { max: issue.maximum }) }
    }
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message ?? '')) return { path, message: t('required') }
    return { path, message: t('invalid') }
  })
}
