'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

export function IncidentReportForm({ incidentId, revision, hasPhone, hasWritten }: { incidentId: string; revision: number; hasPhone: boolean; hasWritten: boolean }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  async function send(kind: 'PHONE' | 'WRITTEN' | 'FOLLOW_UP' | 'FINAL') {
    setBusy(true)
    setError(null)
    const result = await api(`/api/duty/incidents/${incidentId}/reports`, { json: { kind, text: kind === 'PHONE' ? '' : text, revision } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setText('')
    router.refresh()
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {!hasPhone ? <div><button type="button" className="secondary" disabled={busy} onClick={() => void send('PHONE')}>{t('reportPhone')}</button></div> : null}
      <label>{t('reportText')}<textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={4000} /></label>
      <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
        {!hasWritten ? <button type="button" disabled={busy || !text.trim()} onClick={() => void send('WRITTEN')}>{t('reportWritten')}</button> : <button type="button" disabled={busy || !text.trim()} onClick={() => void send('FOLLOW_UP')}>{t('reportFollowUp')}</button>}
        <button type="button" className="secondary" disabled={busy || !text.trim()} onClick={() => void send('FINAL')}>{t('reportFinal')}</button>
      </div>
    </div>
  )
}
