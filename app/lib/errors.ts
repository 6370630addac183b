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
