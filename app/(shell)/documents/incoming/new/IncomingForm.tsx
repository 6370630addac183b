'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

/** A document that arrived on paper or by other means: its registration; the workflow starts after. */
export function IncomingForm({ kinds, units }: { kinds: string[]; units: { id: string; name: string; depth: number }[] }) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(form: FormData) {
    setBusy(true)
    const deadline = String(form.get('deadline') ?? '')
    const result = await api<{ id: string }>('/api/documents/incoming', {
      json: {
        kind: form.get('kind'), title: form.get('title'), unitId: form.get('unitId'), senderOrgan: form.get('senderOrgan'), senderNumber: form.get('senderNumber'),
        copies: Number(form.get('copies')), urgency: form.get('urgency'), deadline: deadline ? `${deadline}T18:00:00+08:00` : undefined,
      },
    })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.push(`/documents/${result.data.id}`)
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      <label>{t('fields.title')}<input name="title" required maxLength={200} /></label>
      <div className="form-grid">
        <label>{t('fields.kind')}<select name="kind" defaultValue="NOTICE">{kinds.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}</select></label>
        <label>{t('receive.to')}<select name="unitId">{units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(u.depth)}{u.name}</option>)}</select></label>
        <label>{t('fields.senderOrgan')}<input name="senderOrgan" required maxLength={100} /></label>
        <label>{t('fields.senderNumber')}<input name="senderNumber" maxLength={60} placeholder="泰教〔2026〕8号" /></label>
        <label>{t('fields.copies')}<input name="copies" type="number" min={1} max={9999} defaultValue={1} /></label>
        <label>{t('fields.urgency')}<select name="urgency" defaultValue="NORMAL">{(['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const).map((u) => <option key={u} value={u}>{t(`urgencies.${u}`)}</option>)}</select></label>
        <label>{t('fields.deadline')}<input name="deadline" type="date" /></label>
      </div>
      <div><button type="submit" disabled={busy}>{t('create')}</button></div>
    </form>
  )
}
