'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Version = { id: string; number: number; name: string; kind: 'MANUAL' | 'STEP' | 'RESTORE'; createdAt: string }
type Author = { personId: string | null; name: string; colour: string; inserted: number; deleted: number }
type Shown = { title: string; html: string; authors?: Author[] }

/** The body's history: named versions, a view of any, a diff of any two with who changed what, restore. */
export function VersionsPanel({ documentId, mayEdit, initial }: { documentId: string; mayEdit: boolean; initial: Version[] }) {
  const t = useTranslations('documents.versions')
  const format = useFormatter()
  const [versions, setVersions] = useState<Version[]>(initial)
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState('')
  const [shown, setShown] = useState<Shown | null>(null)
  const [from, setFrom] = useState(initial[0]?.id ?? '')
  const [to, setTo] = useState('current')
  const [name, setName] = useState('')
  const base = `/api/documents/${documentId}/versions`

  async function load() {
    const result = await api<{ versions: Version[] }>(base)
    if (!result.ok) return setError(result.error)
    setVersions(result.data.versions)
  }

  const label = (v: Version) => `V${v.number} ${v.name}`
  async function preview(v: Version) {
    const result = await api<{ html: string }>(`${base}/${v.id}`)
    if (!result.ok) return setError(result.error)
    setShown({ title: label(v), html: result.data.html })
  }
  async function compare(fromId: string, toId: string) {
    const result = await api<{ html: string; authors: Author[] }>(`/api/documents/${documentId}/compare?from=${fromId}&to=${toId}`)
    if (!result.ok) return setError(result.error)
    const name = (id: string) => (id === 'current' ? t('current') : label(versions.find((v) => v.id === id)!))
    setShown({ title: `${name(fromId)} → ${name(toId)}`, html: result.data.html, authors: result.data.authors })
  }
  async function restore(v: Version) {
    if (!window.confirm(t('restoreConfirm'))) return
    const result = await api<{ number: number }>(`${base}/${v.id}/restore`, { method: 'POST' })
    if (!result.ok) return setError(result.error)
    setNotice(t('restored', { number: result.data.number }))
    await load()
  }
  async function save() {
    const result = await api(base, { json: { name } })
    if (!result.ok) return setError(result.error)
    setName('')
    await load()
  }

  return (
    <section className="card stack" aria-label={t('title')} data-testid="versions">
      <h2 style={{ margin: 0 }}>{t('title')}</h2>
      <ErrorAlert error={error} />
      {notice ? <div className="alert success" role="status">{notice}</div> : null}
      {mayEdit ? (
        <div className="row">
          <label className="grow" style={{ flex: 1 }}><span className="visually-hidden">{t('name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('name')} maxLength={100} /></label>
          <button type="button" className="secondary" disabled={!name.trim()} onClick={() => void save()}>{t('save')}</button>
        </div>
      ) : null}
      {versions.length === 0 ? <p className="muted">{t('none')}</p> : (
        <>
          <ul className="versions">
            {versions.map((v) => (
              <li key={v.id} className="spread">
                <span><strong>V{v.number}</strong> {v.name} <span className="badge gray">{t(`kinds.${v.kind}`)}</span> <span className="small muted">{format.dateTime(new Date(v.createdAt), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</span></span>
                <span className="row" style={{ gap: 4 }}>
                  <button type="button" className="link" onClick={() => void preview(v)}>{t('preview')}</button>
                  <button type="button" className="link" onClick={() => void compare(v.id, 'current')}>{t('compare')}</button>
                  {mayEdit ? <button type="button" className="link" onClick={() => void restore(v)}>{t('restore')}</button> : null}
                </span>
              </li>
            ))}
          </ul>
          <div className="row compare-pick">
            <label>{t('from')}<select value={from} onChange={(e) => setFrom(e.target.value)}>{versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}</select></label>
            <label>{t('to')}<select value={to} onChange={(e) => setTo(e.target.value)}><option value="current">{t('current')}</option>{versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}</select></label>
            <button type="button" className="secondary" disabled={!from} onClick={() => void compare(from, to)}>{t('compareTwo')}</button>
          </div>
        </>
      )}
      {shown ? (
        <div className="version-view stack" data-testid="version-view">
          <div className="spread"><strong>{shown.title}</strong><button type="button" className="link" onClick={() => setShown(null)}>{t('close')}</button></div>
          {shown.authors?.length ? (
            <div className="row small legend" aria-label={t('legend')}>
              {shown.authors.map((a) => (
                <span key={a.personId ?? '-'} className="legend-item"><span className="swatch" style={{ background: a.colour }} />{a.name} · {t('inserted', { count: a.inserted })} · {t('deleted', { count: a.deleted })}</span>
              ))}
            </div>
          ) : null}
          <div className="doc-render" dangerouslySetInnerHTML={{ __html: shown.html }} />
        </div>
      ) : null}
    </section>
  )
}
