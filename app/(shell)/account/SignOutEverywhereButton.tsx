'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { api } from '../../lib/client-api.ts'

export function SignOutEverywhereButton() {
  const t = useTranslations('account')
  const router = useRouter()
  return (
    <button
      type="button"
      className="danger"
      onClick={async () => {
        if (!window.confirm(t('signOutEverywhereConfirm'))) return
        await api('/api/auth/sign-out-everywhere', { method: 'POST' })
        router.replace('/sign-in')
    router.refresh()
      }}
    >
      {t('signOutEverywhere')}
    </button>
  )
}
