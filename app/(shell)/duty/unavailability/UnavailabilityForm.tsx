'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

export function UnavailabilityForm({ me, people, today }: { me: { id: string; name: string }; people: { id: string; name: string; title: string }[]; today: string }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [personId, setPersonId] = useState(me.id)
  const [startDate, setStart] = useState(today)
  const [endDate, setEnd] = useState(today)
  const [reason, setReason] = useState('BUSINESS_TRIP')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      setBusy(true)
      setError(null)
      const result = await api('/api/duty/unavailability', { json: { personId, startDate, endDate, reason, note } })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      setNote('')
      router.refresh()
    }}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <label>{t('person')}
          <select value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value={me.id}>{me.name}（{t('me')}）</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name} {p.title}</option>)}
          </select>
        </label>
        <label>{t('startDate')}<input type="date" value={startDate} onChange={(e) => setStart(e.target.value)} required /></label>
        <label>{t('endDate')}<input type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} required /></label>
        <label>{t('reason')}
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            {(['BUSINESS_TRIP', 'TRAINING', 'OTHER'] as const).map((k) => <option key={k} value={k}>{t(`reasonsUnavailable.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('note')}<input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} /></label>
      </div>
      <div><button type="submit" disabled={busy}>{t('add')}</button></div>
    </form>
  )
}

export function WithdrawButton({ id }: { id: string }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  return (
    <button type="button" className="link" disabled={busy} onClick={async () => {
      setBusy(true)
      const result = await api(`/api/duty/unavailability/${id}`, { method: 'DELETE' })
      setBusy(false)
      if (result.ok) router.refresh()
    }}>{t('withdraw')}</button>
  )
}
