'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

/** `now` is Beijing wall time (YYYY-MM-DDTHH:MM, from the server's clock); the time is sent with +08:00. */
export function IncidentForm({ now }: { now: string }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [f, setF] = useState({ title: '', occurredAt: now, place: '', kind: '', level: '4', casualties: '', measures: '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value })
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      setBusy(true)
      setError(null)
      const result = await api<{ id: string }>('/api/duty/incidents', { json: { ...f, occurredAt: `${f.occurredAt}:00+08:00`, level: Number(f.level) } })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      router.push(`/duty/incidents/${result.data.id}`)
    }}>
      <ErrorAlert error={error} />
      <label>{t('incidentTitle')}<input value={f.title} onChange={set('title')} required maxLength={100} /></label>
      <div className="form-grid">
        <label>{t('occurredAt')}<input type="datetime-local" value={f.occurredAt} onChange={set('occurredAt')} required /></label>
        <label>{t('place')}<input value={f.place} onChange={set('place')} required maxLength={200} /></label>
        <label>{t('incidentKind')}<input value={f.kind} onChange={set('kind')} required maxLength={40} /></label>
        <label>{t('level')}
          <select value={f.level} onChange={set('level')}>{['1', '2', '3', '4'].map((l) => <option key={l} value={l}>{t(`levels.${l}` as 'levels.1')}</option>)}</select>
        </label>
      </div>
      <label>{t('casualties')}<input value={f.casualties} onChange={set('casualties')} maxLength={500} /></label>
      <label>{t('measures')}<textarea value={f.measures} onChange={set('measures')} rows={3} maxLength={2000} /></label>
      <div><button type="submit" disabled={busy}>{t('recordIncident')}</button></div>
    </form>
  )
}
