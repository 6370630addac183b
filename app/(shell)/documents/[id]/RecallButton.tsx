'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api } from '../../../lib/client-api.ts'

export function RecallButton({ distributionId }: { distributionId: string }) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState('')
  return (
    <>
      <button type="button" className="link" onClick={async () => {
        const result = await api(`/api/distributions/${distributionId}/recall`, { method: 'POST' })
        if (result.ok) router.refresh()
        else setError(result.error.message)
      }}>{t('recall')}</button>
      {error ? <span role="alert" className="small" style={{ color: 'var(--danger)' }}>{error}</span> : null}
    </>
  )
}
