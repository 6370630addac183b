'use client'
import { useTranslations } from 'next-intl'
import { api } from '../../lib/client-api.ts'

export function SignOutEverywhereButton() {
  const t = useTranslations('account')
  return (
    <button
      type="button"
      className="danger"
      onClick={async () => {
        if (!window.confirm(t('signOutEverywhereConfirm'))) return
        await api('/api/auth/sign-out-everywhere', { method: 'POST' })
        window.location.href = '/sign-in'
      }}
    >
      {t('signOutEverywhere')}
    </button>
  )
}
