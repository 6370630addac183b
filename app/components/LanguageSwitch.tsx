'use client'
import { useLocale, useTranslations } from 'next-intl'
import { usePathname, useRouter } from 'next/navigation'
import { api } from '../lib/client-api.ts'

/**
 * A form, so it works even when pressed before the page's script has loaded (a slow phone): the post
 * sets the cookie and comes back. Once loaded, the switch happens in place.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const locale = useLocale()
  const t = useTranslations('shell')
  const router = useRouter()
  const pathname = usePathname()
  const next = locale === 'en' ? 'zh-CN' : 'en'
  return (
    <form
      action="/api/locale"
      method="post"
      onSubmit={async (event) => {
        event.preventDefault()
        await api('/api/locale', { json: { locale: next } })
        router.refresh()
      }}
    >
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="back" value={pathname} />
      <button type="submit" className={className ?? 'secondary'} lang={next}>{t('switchLanguage')}</button>
    </form>
  )
}
