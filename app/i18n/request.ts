import { getRequestConfig } from 'next-intl/server'
import { cookies } from 'next/headers'
import { LOCALE_COOKIE, toLocale } from './locales.ts'
import { messagesFor } from './messages.ts'

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value)
  return { locale, messages: messagesFor(locale), timeZone: 'Asia/Shanghai' }
})
