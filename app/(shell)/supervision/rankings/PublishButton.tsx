'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

export function PublishButton({ from, to }: { from: string; to: string }) {
  const t = useTranslations('supervision')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  return (
    <>
      <ErrorAlert error={error} />
      <button type="button" onClick={async () => {
        const result = await api('/api/supervision/rankings', { json: { from, to } })
        if (!result.ok) return setError(result.error)
        setError(null)
        router.refresh()
      }}>{t('publish')}</button>
    </>
  )
}
