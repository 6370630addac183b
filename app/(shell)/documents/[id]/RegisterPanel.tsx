'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** 收文登记: the registry completes the registration and the incoming workflow starts. */
export function RegisterPanel({ documentId, revision, senderOrgan, senderNumber, urgency }: { documentId: string; revision: number; senderOrgan: string; senderNumber: string; urgency: string }) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(form: FormData) {
    setBusy(true)
    const deadline = String(form.get('deadline') ?? '')
    const result = await api(`/api/documents/${documentId}/register`, {
      json: { revision, senderOrgan: form.get('senderOrgan'), senderNumber: form.get('senderNumber'), copies: Number(form.get('copies')), urgency: form.get('urgency'), deadline: deadline ? `${deadline}T18:00:00+08:00` : undefined },
    })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  return (
    <form className="card stack" action={submit} aria-label={t('register')}>
      <h2 style={{ margin: 0 }}>{t('register')}</h2>
      <p className="small muted" style={{ margin: 0 }}>{t('registerHint')}</p>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <label>{t('fields.senderOrgan')}<input name="senderOrgan" defaultValue={senderOrgan} required maxLength={100} /></label>
        <label>{t('fields.senderNumber')}<input name="senderNumber" defaultValue={senderNumber} maxLength={60} /></label>
        <label>{t('fields.copies')}<input name="copies" type="number" min={1} max={9999} defaultValue={1} /></label>
        <label>{t('fields.urgency')}<select name="urgency" defaultValue={urgency}>{(['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const).map((u) => <option key={u} value={u}>{t(`urgencies.${u}`)}</option>)}</select></label>
        <label>{t('fields.deadline')}<input name="deadline" type="date" /></label>
      </div>
      <div><button type="submit" disabled={busy}>{t('register')}</button></div>
    </form>
  )
}
