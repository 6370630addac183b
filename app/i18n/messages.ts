import zhCN from '../../messages/zh-CN.json' with { type: 'json' }
import en from '../../messages/en.json' with { type: 'json' }
import type { Locale } from './locales.ts'

export type Messages = typeof zhCN

export function messagesFor(locale: Locale): Messages {
  return locale === 'en' ? (en as Messages) : zhCN
}
