'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** 催办: remind the people who still have to act at the current step (inbox and mail). */
export function UrgeButton({ documentId }: { documentId: string }) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [message, setMessage] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<number | null>(null)
  async function urge() {
    const result = await api<{ urged: number }>(`/api/documents/${documentId}/urge`, { json: { message: message || undefined } })
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(result.data.urged)
    setMessage('')
    router.refresh()
  }
  return (
    <details className="urge">
      <summary className="button secondary">{t('urge')}</summary>
      <div className="stack" style={{ marginTop: 8 }}>
        <ErrorAlert error={error} />
        {done !== null ? <div className="alert success" role="status">{t('urged', { count: done })}</div> : null}
        <label>{t('urgeMessage')}<input value={message} onChange={(e) => setMessage(e.target.value)} maxLength={200} placeholder={t('urgePlaceholder')} /></label>
        <div><button type="button" onClick={() => void urge()}>{t('urge')}</button></div>
      </div>
    </details>
  )
}
