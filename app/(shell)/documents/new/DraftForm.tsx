'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Template = { key: string; name: string; kinds: string[] }
type Reply = { replyToId: string; kind: string; title: string; mainRecipients: string; source: string }

export function DraftForm({ kinds, units, templates, reply }: { kinds: string[]; units: { id: string; name: string }[]; templates: Template[]; reply: Reply | null }) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [kind, setKind] = useState(reply?.kind ?? 'NOTICE')
  const fitting = templates.filter((tpl) => tpl.kinds.includes(kind))

  async function submit(form: FormData) {
    setBusy(true)
    const result = await api<{ id: string }>('/api/documents', {
      json: {
        kind: form.get('kind'), title: form.get('title'), unitId: form.get('unitId'), mainRecipients: form.get('mainRecipients'), copyTo: form.get('copyTo'),
        urgency: form.get('urgency'), marking: form.get('marking'), isJoint: form.get('isJoint') === 'on', signerName: form.get('signerName') || undefined,
        template: form.get('template') || undefined, replyToId: reply?.replyToId,
      },
    })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.push(`/documents/${result.data.id}`)
  }

  return (
    // onSubmit, not a form action: React resets a form after its action, so a refused draft (a missing
    // title, no template) came back with 主送机关 and the other fields emptied.
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(new FormData(e.currentTarget)) }}>
      <ErrorAlert error={error} />
      {reply ? <div className="alert info">{t('replyTo', { title: reply.source })}</div> : null}
      <div className="form-grid">
        <label>{t('fields.kind')}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>{kinds.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}</select>
        </label>
        <label>{t('fields.unit')}
          <select name="unitId">{units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select>
        </label>
        <label>{t('fields.urgency')}
          <select name="urgency" defaultValue="NORMAL">{(['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const).map((u) => <option key={u} value={u}>{t(`urgencies.${u}`)}</option>)}</select>
        </label>
        <label>{t('fields.marking')}
          <select name="marking" defaultValue="NONE">{(['NONE', 'INTERNAL'] as const).map((m) => <option key={m} value={m}>{t(`markings.${m}`)}</option>)}</select>
        </label>
      </div>
      <label>{t('fields.title')}<input name="title" required maxLength={200} placeholder="关于……的通知" defaultValue={reply?.title} /></label>
      <label>{t('fields.mainRecipients')}<input name="mainRecipients" maxLength={500} placeholder="各县（区）人民政府，市政府各部门" defaultValue={reply?.mainRecipients} /></label>
      {fitting.length ? (
        <label>{t('template')}
          <select name="template" key={kind} defaultValue="">
            <option value="">{t('noTemplate')}</option>
            {fitting.map((tpl) => <option key={tpl.key} value={tpl.key}>{tpl.name}</option>)}
          </select>
        </label>
      ) : null}
      <label>{t('fields.copyTo')}<input name="copyTo" maxLength={500} /></label>
      {kind === 'REQUEST' || kind === 'REPORT' ? <label>{t('fields.signerName')}<input name="signerName" maxLength={40} /></label> : null}
      <label className="check"><input type="checkbox" name="isJoint" /> {t('fields.isJoint')}</label>
      <div><button type="submit" disabled={busy}>{t('create')}</button></div>
    </form>
  )
}
