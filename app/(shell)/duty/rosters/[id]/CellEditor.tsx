'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

/** The duty manager changes one cell: a person among the role's eligible (or vacant), locked. */
export function CellEditor({ cellId, revision, current, people, label }: { cellId: string; revision: number; current: string | null; people: { id: string; name: string }[]; label: string }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [personId, setPersonId] = useState(current ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  if (!open) return <button type="button" className="link small" aria-label={`${t('change')} ${label}`} onClick={() => setOpen(true)}>{t('change')}</button>
  return (
    <form className="stack" style={{ gap: 4 }} onSubmit={async (e) => {
      e.preventDefault()
      setBusy(true)
      setError(null)
      const result = await api(`/api/duty/assignments/${cellId}`, { method: 'PATCH', json: { revision, personId: personId || null, isLocked: true } })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      setOpen(false)
      router.refresh()
    }}>
      <ErrorAlert error={error} />
      <label><span className="visually-hidden">{t('choosePerson')} {label}</span>
        <select value={personId} onChange={(e) => setPersonId(e.target.value)} aria-label={`${t('choosePerson')} ${label}`}>
          <option value="">{t('vacantOption')}</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <div className="row" style={{ gap: 4 }}>
        <button type="submit" disabled={busy}>{t('save')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('cancel')}</button>
      </div>
    </form>
  )
}
