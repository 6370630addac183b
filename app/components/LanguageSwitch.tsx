'use client'
import { useLocale, useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { api } from '../lib/client-api.ts'

export function LanguageSwitch({ className }: { className?: string }) {
  const locale = useLocale()
  const t = useTranslations('shell')
  const router = useRouter()
  const next = locale === 'en' ? 'zh-CN' : 'en'
  return (
    <button
      type="button"
      className={className ?? 'secondary'}
      lang={next}
      onClick={async () => {
        await api('/api/locale', { json: { locale: next } })
        router.refresh()
      }}
    >
      {t('switchLanguage')}
    </button>
  )
}
