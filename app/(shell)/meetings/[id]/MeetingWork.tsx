'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { beijing } from '../rooms/RoomForms.tsx'

type Item = { title: string; minutes: number; presenterId: string | null }

export function AgendaEditor({ meetingId, revision, items }: { meetingId: string; revision: number; items: Item[] }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [rows, setRows] = useState<Item[]>(items.length ? items : [{ title: '', minutes: 15, presenterId: null }])
  const [error, setError] = useState<ApiError | null>(null)
  async function save() {
    const result = await api(`/api/meetings/${meetingId}/agenda`, { method: 'PUT', json: { revision, items: rows.filter((r) => r.title.trim()) } })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {rows.map((row, i) => (
        <div key={i} className="row agenda-row">
          <label className="grow">{t('agendaItem', { n: i + 1 })}<input value={row.title} maxLength={200} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, title: e.target.value } : r)))} /></label>
          <label>{t('agendaMinutes')}<input type="number" min={1} max={600} value={row.minutes} style={{ width: 80 }} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, minutes: Number(e.target.value) || 1 } : r)))} /></label>
          <button type="button" className="secondary" aria-label={`${t('remove')} ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <div className="row">
        <button type="button" className="secondary" onClick={() => setRows([...rows, { title: '', minutes: 15, presenterId: null }])}>{t('agendaAdd')}</button>
        <button type="button" onClick={() => void save()}>{t('save')}</button>
      </div>
    </div>
  )
}

export function MaterialUpload({ meetingId, agenda }: { meetingId: string; agenda: { id: string; title: string }[] }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function upload(form: FormData) {
    const result = await api(`/api/meetings/${meetingId}/materials`, { form })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  return (
    <form className="stack" action={upload}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <label>{t('materialFile')}<input type="file" name="file" required /></label>
        <label>{t('materialFor')}
          <select name="agendaItemId" defaultValue=""><option value="">{t('materialForMeeting')}</option>{agenda.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}</select>
        </label>
        <label className="check"><input type="checkbox" name="withdraw" /><span>{t('materialWithdraw')}</span></label>
      </div>
      <div><button type="submit">{t('materialUpload')}</button></div>
    </form>
  )
}

export function DecisionForm({ meetingId, units, date }: { meetingId: string; units: { id: string; name: string }[]; date: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function add(form: FormData) {
    const result = await api(`/api/meetings/${meetingId}/decisions`, { json: { text: form.get('text'), ownerUnitId: form.get('ownerUnitId'), deadline: beijing(form.get('deadline'), '17:00') } })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  return (
    <form className="stack" action={add}>
      <ErrorAlert error={error} />
      <label>{t('decisionText')}<textarea name="text" required maxLength={500} rows={2} /></label>
      <div className="form-grid">
        <label>{t('decisionOwner')}<select name="ownerUnitId">{units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></label>
        <label>{t('decisionDeadline')}<input type="date" name="deadline" required defaultValue={date} /></label>
      </div>
      <div><button type="submit">{t('decisionAdd')}</button></div>
    </form>
  )
}

export function DraftDocument({ meetingId, kind, documentId }: { meetingId: string; kind: 'notice' | 'minutes'; documentId: string | null }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function draft() {
    if (documentId) return router.push(`/documents/${documentId}`)
    setBusy(true)
    const result = await api<{ documentId: string }>(`/api/meetings/${meetingId}/documents`, { json: { kind } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.push(`/documents/${result.data.documentId}`)
  }
  return (
    <span className="stack">
      <ErrorAlert error={error} />
      <button type="button" className={kind === 'minutes' && !documentId ? '' : 'secondary'} disabled={busy} onClick={() => void draft()}>
        {documentId ? t(kind === 'notice' ? 'openNotice' : 'openMinutes') : t(kind === 'notice' ? 'draftNotice' : 'minutesIssue')}
      </button>
    </span>
  )
}
