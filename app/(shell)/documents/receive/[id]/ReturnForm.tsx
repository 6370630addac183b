'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

/** 拒收/退回: the recipient's registry returns a distribution instead of signing for it, saying why. */
export function ReturnForm({ distributionId }: { distributionId: string }) {
  const t = useTranslations('documents.receive')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [reason, setReason] = useState('')
  return (
    <details>
      <summary className="button secondary">{t('return')}</summary>
      <form className="stack" style={{ marginTop: 8 }} onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        const result = await api(`/api/distributions/${distributionId}/return`, { json: { reason } })
        setBusy(false)
        if (!result.ok) return setError(result.error)
        router.refresh()
      }}>
        <p className="small muted" style={{ margin: 0 }}>{t('returnHint')}</p>
        <ErrorAlert error={error} />
        <label>{t('returnReason')}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} required placeholder={t('returnPlaceholder')} />
        </label>
        <div><button type="submit" className="secondary" disabled={busy || !reason.trim()}>{t('return')}</button></div>
      </form>
    </details>
  )
}
