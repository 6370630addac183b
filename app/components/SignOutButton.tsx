'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { api } from '../lib/client-api.ts'

export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations('shell')
  const router = useRouter()
  return (
    <button
      type="button"
      className={className ?? 'secondary'}
      onClick={async () => {
        await api('/api/auth/sign-out', { method: 'POST' })
        router.replace('/sign-in')
    router.refresh()
      }}
    >
      {t('signOut')}
    </button>
  )
}
