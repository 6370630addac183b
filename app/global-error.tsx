'use client'
import zhCN from '../messages/zh-CN.json' with { type: 'json' }
import en from '../messages/en.json' with { type: 'json' }
import { LOCALE_COOKIE, toLocale } from './i18n/locales.ts'

/**
 * When the root layout itself fails there is no layout and no message provider: this page brings its
 * own <html>, and reads the person's language from the locale cookie.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const cookie = typeof document === 'undefined' ? '' : document.cookie.split('; ').find((c) => c.startsWith(`${LOCALE_COOKIE}=`))?.slice(LOCALE_COOKIE.length + 1)
  const locale = toLocale(cookie)
  const t = (locale === 'en' ? en : zhCN).shell
  return (
    <html lang={locale}>
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 560, margin: '48px auto', padding: 16 }}>
        <div role="alert">
          <h1>{t.errorTitle}</h1>
          <p>{t.error}</p>
          {error.digest ? <p><small>{t.errorDigest.replace('{digest}', error.digest)}</small></p> : null}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- the root layout failed: a full page load, not client navigation */}
          <p><button type="button" onClick={() => reset()}>{t.retry}</button> <a href="/">{t.backHome}</a></p>
        </div>
      </body>
    </html>
  )
}
