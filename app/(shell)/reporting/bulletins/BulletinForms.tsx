'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Option = { id: string; name: string }

/** 报送信息: the unit (of the person's filling grants) and the office, a title and the text. */
export function SubmitItemForm({ units, offices }: { units: Option[]; offices: Option[] }) {
  const t = useTranslations('bulletins')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState(false)
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    const r = await api('/api/reporting/bulletins/items', { json: { unitId: data.get('unitId'), officeUnitId: data.get('officeUnitId'), title: String(data.get('title')).trim(), body: String(data.get('body')).trim() } })
    if (!r.ok) return setError(r.error)
    setError(null)
    setDone(true)
    form.reset()
    router.refresh()
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="submit-item">
      <ErrorAlert error={error} />
      {done ? <div className="alert success" role="status">{t('submitted')}</div> : null}
      <div className="form-grid">
        <label>{t('unit')}<select name="unitId">{units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></label>
        <label>{t('office')}<select name="officeUnitId">{offices.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></label>
      </div>
      <label>{t('itemTitle')}<input name="title" maxLength={120} required data-testid="item-title" /></label>
      <label>{t('body')}<textarea name="body" rows={5} maxLength={5000} required data-testid="item-body" /></label>
      <div className="row"><button type="submit" data-testid="send-item">{t('send')}</button></div>
    </form>
  )
}

/** The office's handling of one item: edit, score, adopt or decline. */
export function ReviewItem({ id, revision, title, body }: { id: string; revision: number; title: string; body: string }) {
  const t = useTranslations('bulletins')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [edited, setEdited] = useState({ title, body, score: '2' })
  const review = async (adopt: boolean) => {
    const r = await api(`/api/reporting/bulletins/items/${id}/review`, { json: { revision, adopt, ...(adopt ? { title: edited.title, body: edited.body, score: Number(edited.score) } : {}) } })
    if (!r.ok) return setError(r.error)
    router.refresh()
  }
  return (
    <details className="stack" data-testid={`review-${id}`}>
      <summary className="small">{t('handle')}</summary>
      <ErrorAlert error={error} />
      <label>{t('itemTitle')}<input value={edited.title} onChange={(e) => setEdited({ ...edited, title: e.target.value })} maxLength={120} /></label>
      <label>{t('body')}<textarea rows={4} value={edited.body} onChange={(e) => setEdited({ ...edited, body: e.target.value })} maxLength={5000} /></label>
      <label>{t('score')}<input type="number" min={0} max={10} value={edited.score} onChange={(e) => setEdited({ ...edited, score: e.target.value })} /></label>
      <div className="row">
        <button type="button" className="secondary" onClick={() => void review(false)}>{t('decline')}</button>
        <button type="button" onClick={() => void review(true)} data-testid="adopt">{t('adopt')}</button>
      </div>
    </details>
  )
}

/** 编发: choose adopted items not yet in an issue, pick the bulletin, compile. */
export function CompileIssue({ officeUnitId, items }: { officeUnitId: string; items: { id: string; title: string; unit: string }[] }) {
  const t = useTranslations('bulletins')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [result, setResult] = useState<{ title: string; documentId: string | null } | null>(null)
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    const r = await api<{ title: string; documentId: string | null }>('/api/reporting/bulletins/issues', { json: { officeUnitId, itemIds: data.getAll('itemIds').map(String), name: data.get('name') } })
    if (!r.ok) return setError(r.error)
    setError(null)
    setResult(r.data)
    router.refresh()
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="compile-issue">
      <ErrorAlert error={error} />
      {result ? <div className="alert success" role="status">{t('compiled', { title: result.title })} {result.documentId ? <a href={`/documents/${result.documentId}`}>{t('openDocument')}</a> : null}</div> : null}
      <label>{t('bulletinName')}<select name="name"><option value="政务信息">{t('names.regular')}</option><option value="信息专报">{t('names.special')}</option></select></label>
      <div className="unit-checks">{items.map((i) => <label key={i.id} className="check"><input type="checkbox" name="itemIds" value={i.id} defaultChecked />{i.title}（{i.unit}）</label>)}</div>
      <div className="row"><button type="submit" disabled={items.length === 0} data-testid="compile">{t('compile')}</button></div>
    </form>
  )
}
