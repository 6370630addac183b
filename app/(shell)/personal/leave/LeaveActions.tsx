'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'

/** The approver of the step waiting: approve, or reject with a comment. */
export function DecideForm({ id, revision }: { id: string; revision: number }) {
  const t = useTranslations('personal')
  const router = useRouter()
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  async function decide(approve: boolean) {
    if (!approve && !comment.trim()) return setError({ code: 'validation', message: t('commentRequired') })
    setBusy(true)
    setError(null)
    const result = await api(`/api/personal/leave/${id}/decide`, { json: { revision, approve, comment } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      <label>{t('comment')}<textarea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} /></label>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => decide(true)}>{t('approve')}</button>
        <button type="button" className="secondary" disabled={busy} onClick={() => decide(false)}>{t('reject')}</button>
      </div>
    </div>
  )
}

export function CancelButton({ id, revision }: { id: string; revision: number }) {
  const t = useTranslations('personal')
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      <div><button type="button" className="secondary" disabled={busy} onClick={async () => {
        setBusy(true)
        const result = await api(`/api/personal/leave/${id}/cancel`, { json: { revision } })
        setBusy(false)
        if (!result.ok) return setError(result.error)
        router.refresh()
      }}>{t('cancel')}</button></div>
    </div>
  )
}

/** After approval: hand one's document steps to a deputy for the leave's period (server/documents' 委托). */
export function DelegationOffer({ startsAt, endsAt, reason }: { startsAt: string; endsAt: string; reason: string }) {
  const t = useTranslations('personal')
  const [deputy, setDeputy] = useState<PickedPerson[]>([])
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  if (done) return <p className="small" role="status">{t('delegated')}</p>
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>{t('delegationOffer')}</p>
      <ErrorAlert error={error} />
      <PeoplePicker single value={deputy} onChange={setDeputy} label={t('deputy')} placeholder={t('searchPeople')} removeLabel={t('remove')} />
      <div><button type="button" disabled={busy || deputy.length === 0} onClick={async () => {
        setBusy(true)
        const from = new Date(Math.max(Date.parse(startsAt), Date.now()))
        const result = await api('/api/delegations', { json: { deputyId: deputy[0]!.id, startsAt: from.toISOString(), endsAt, reason } })
        setBusy(false)
        if (!result.ok) return setError(result.error)
        setDone(true)
      }}>{t('delegate')}</button></div>
    </div>
  )
}
