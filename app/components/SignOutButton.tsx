'use client'
import { useTranslations } from 'next-intl'
import { api } from '../lib/client-api.ts'

export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations('shell')
  return (
    <button
      type="button"
      className={className ?? 'secondary'}
      onClick={async () => {
        await api('/api/auth/sign-out', { method: 'POST' })
        window.location.href = '/sign-in'
      }}
    >
      {t('signOut')}
    </button>
  )
}
