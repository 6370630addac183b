'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** 预留号: set a number aside, with the reason (audited). */
export function NumberActions({ organId }: { organId: string }) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function reserve(form: FormData) {
    const result = await api('/api/documents/numbers', { json: { organId, kind: form.get('kind'), reason: form.get('reason') } })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  return (
    <form className="row" action={reserve} style={{ alignItems: 'flex-end' }}>
      <ErrorAlert error={error} />
      <label>{t('numbers.series')}<select name="kind" defaultValue="NOTICE"><option value="NOTICE">{t('numbers.seriesFa')}</option><option value="LETTER">{t('numbers.seriesHan')}</option><option value="MINUTES">{t('numbers.seriesJi')}</option></select></label>
      <label style={{ flex: 1 }}>{t('numbers.reason')}<input name="reason" required maxLength={200} placeholder={t('numbers.reasonHint')} /></label>
      <button type="submit" className="secondary">{t('numbers.reserve')}</button>
    </form>
  )
}

/** 作废: the number is never used again; the reason is audited. */
export function VoidButton({ numberId, label }: { numberId: string; label: string }) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState('')
  return (
    <>
      <button type="button" className="link" aria-label={label} onClick={async () => {
        const reason = window.prompt(t('numbers.voidReason'))
        if (!reason?.trim()) return
        const result = await api(`/api/documents/numbers/${numberId}/void`, { json: { reason } })
        if (result.ok) router.refresh()
        else setError(result.error.message)
      }}>{t('numbers.void')}</button>
      {error ? <span role="alert" className="small" style={{ color: 'var(--danger)' }}>{error}</span> : null}
    </>
  )
}
