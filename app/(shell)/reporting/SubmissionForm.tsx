'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

type Column = { key: string; label: string; type: string; required?: boolean; measure?: string; min?: number; max?: number; options?: string[]; help?: string }
type Field = Column & { columns?: Column[]; maxLength?: number }
type Definition = { sections: { title: string; fields: Field[] }[] }
type Values = Record<string, unknown>
type Issue = { path: (string | number)[]; message: string }

/**
 * One unit's submission: the fields of its template version, saved as the unit's shared draft (with
 * the revision it was loaded at), sent for review, reviewed (退回 with a reason, or 审核上报), reopened
 * by the office; the template as Excel to fill offline and the upload back, bad cells by row and column.
 */
export function SubmissionForm({ id, definition, initial, revision: initialRevision, status, mayFill, mayReview, isOffice }: {
  id: string; definition: Definition; initial: Values; revision: number; status: string; mayFill: boolean; mayReview: boolean; isOffice: boolean
}) {
  const t = useTranslations('reporting')
  const router = useRouter()
  const [values, setValues] = useState<Values>(initial)
  const [revision, setRevision] = useState(initialRevision)
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const [reason, setReason] = useState('')
  const editable = mayFill && ['NOT_STARTED', 'DRAFT', 'RETURNED'].includes(status)
  const issues = ((error?.code === 'validation' ? error.details : null) as Issue[] | null) ?? []
  const issuesAt = (...path: (string | number)[]) => issues.filter((i) => i.path.join('.') === path.join('.')).map((i) => i.message)

  const set = (key: string, v: unknown) => setValues((x) => ({ ...x, [key]: v }))
  async function call(path: string, json: unknown, done: string) {
    setBusy(true)
    const result = await api<{ revision: number }>(path, { json })
    setBusy(false)
    if (!result.ok) { setError(result.error); return false }
    setError(null)
    setRevision(result.data.revision)
    setNotice(done)
    router.refresh()
    return true
  }
  const save = () => call(`/api/reporting/submissions/${id}/draft`, { revision, values }, t('draftSaved'))
  /** 提交审核: the draft as it is on the page is saved first, then sent at the revision that save answered. */
  async function submit() {
    setBusy(true)
    const saved = await api<{ revision: number }>(`/api/reporting/submissions/${id}/draft`, { json: { revision, values } })
    setBusy(false)
    if (!saved.ok) return setError(saved.error)
    setRevision(saved.data.revision)
    await call(`/api/reporting/submissions/${id}/submit`, { revision: saved.data.revision }, t('sentForReview'))
  }
  async function upload(file: File) {
    const form = new FormData()
    form.set('file', file)
    form.set('revision', String(revision))
    setBusy(true)
    const result = await api<{ revision: number }>(`/api/reporting/submissions/${id}/import`, { form })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setNotice(t('imported'))
    router.refresh()
    window.location.reload()
  }

  const input = (f: Column, v: unknown, onChange: (v: unknown) => void, testid: string) => {
    const disabled = !editable
    if (f.type === 'longText') return <textarea rows={4} value={String(v ?? '')} onChange={(e) => onChange(e.target.value)} disabled={disabled} data-testid={testid} />
    if (f.type === 'number') return <input inputMode="decimal" value={v === undefined || v === null ? '' : String(v)} onChange={(e) => onChange(e.target.value)} disabled={disabled} data-testid={testid} />
    if (f.type === 'date') return <input type="date" value={String(v ?? '')} onChange={(e) => onChange(e.target.value)} disabled={disabled} data-testid={testid} />
    if (f.type === 'choice') return (
      <select value={String(v ?? '')} onChange={(e) => onChange(e.target.value)} disabled={disabled} data-testid={testid}>
        <option value="">{t('choose')}</option>
        {f.options!.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    )
    if (f.type === 'multiChoice') {
      const chosen = Array.isArray(v) ? (v as string[]) : []
      return <span className="row" data-testid={testid}>{f.options!.map((o) => <label key={o} className="check"><input type="checkbox" checked={chosen.includes(o)} disabled={disabled} onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o))} />{o}</label>)}</span>
    }
    if (f.type === 'attachment') {
      const file = v as { fileId?: string; name?: string } | undefined
      return (
        <span className="row">
          {file?.fileId ? <a href={`/api/reporting/files/${file.fileId}`}>{file.name}</a> : <span className="small muted">{t('noFile')}</span>}
          {!disabled ? <input type="file" data-testid={testid} onChange={async (e) => {
            const chosen = e.target.files?.[0]
            if (!chosen) return
            const form = new FormData()
            form.set('file', chosen)
            form.set('fieldKey', f.key)
            const r = await api<{ fileId: string; name: string }>(`/api/reporting/submissions/${id}/files`, { form })
            if (!r.ok) return setError(r.error)
            onChange(r.data)
          }} /> : null}
        </span>
      )
    }
    return <input value={String(v ?? '')} onChange={(e) => onChange(e.target.value)} disabled={disabled} maxLength={200} data-testid={testid} />
  }
  const problems = (msgs: string[]) => (msgs.length ? <span className="rp-problem" role="alert">{msgs.join(' ')}</span> : null)

  return (
    <div className="stack" data-testid="submission-form">
      <ErrorAlert error={error} />
      {notice && !error ? <div className="alert success" role="status">{notice}</div> : null}
      {definition.sections.map((s, si) => (
        <section key={si} className="card stack">
          <h2 style={{ margin: 0 }}>{s.title}</h2>
          {s.fields.map((f) => (
            <div key={f.key} className="stack rp-value" data-testid={`value-${f.key}`}>
              {f.type === 'table' ? (
                <>
                  <strong>{f.label}{f.required ? ' *' : ''}</strong>
                  {f.help ? <span className="small muted">{f.help}</span> : null}
                  {problems(issuesAt(f.key))}
                  {((values[f.key] as Values[] | undefined) ?? []).map((row, ri) => (
                    <div key={ri} className="rp-row form-grid" data-testid={`row-${f.key}-${ri}`}>
                      {f.columns!.map((c) => (
                        <label key={c.key}>{c.label}{c.measure ? `（${c.measure}）` : ''}
                          {input(c, row[c.key], (v) => set(f.key, ((values[f.key] as Values[]) ?? []).map((r, k) => (k === ri ? { ...r, [c.key]: v } : r))), `cell-${f.key}-${ri}-${c.key}`)}
                          {problems(issuesAt(f.key, ri, c.key))}
                        </label>
                      ))}
                      {editable ? <button type="button" className="secondary small" onClick={() => set(f.key, ((values[f.key] as Values[]) ?? []).filter((_, k) => k !== ri))}>{t('removeRow')}</button> : null}
                    </div>
                  ))}
                  {editable ? <div className="row"><button type="button" className="secondary" onClick={() => set(f.key, [...((values[f.key] as Values[] | undefined) ?? []), {}])} data-testid={`add-row-${f.key}`}>{t('addRow')}</button></div> : null}
                </>
              ) : (
                <label>
                  <span>{f.label}{f.measure ? `（${f.measure}）` : ''}{f.required ? ' *' : ''}</span>
                  {input(f, values[f.key], (v) => set(f.key, v), `input-${f.key}`)}
                  {f.help ? <span className="small muted">{f.help}</span> : null}
                  {problems(issuesAt(f.key))}
                </label>
              )}
            </div>
          ))}
        </section>
      ))}
      {editable ? (
        <section className="card stack">
          <div className="row">
            <button type="button" className="secondary" onClick={() => void save()} disabled={busy} data-testid="save-draft">{t('saveDraft')}</button>
            <button type="button" onClick={() => void submit()} disabled={busy} data-testid="submit-review">{t('submitForReview')}</button>
          </div>
          <div className="row small">
            <a href={`/api/reporting/submissions/${id}/excel`} data-testid="download-excel">{t('downloadExcel')}</a>
            <label className="rp-upload">{t('uploadExcel')}<input type="file" accept=".xlsx" onChange={(e) => { const file = e.target.files?.[0]; if (file) void upload(file) }} data-testid="upload-excel" /></label>
          </div>
          {issues.some((i) => typeof i.path[1] === 'number' && typeof i.path[0] === 'string' && typeof i.path[2] === 'string' && /^[A-Z]+$/.test(i.path[2])) ? (
            <ul className="small" data-testid="cell-problems">{issues.map((i, k) => <li key={k}>{t('cellProblem', { sheet: String(i.path[0]), row: Number(i.path[1]), column: String(i.path[2]), message: i.message })}</li>)}</ul>
          ) : null}
        </section>
      ) : null}
      {mayReview && status === 'PENDING_REVIEW' ? (
        <section className="card stack" data-testid="review">
          <h2 style={{ margin: 0 }}>{t('review')}</h2>
          <label>{t('returnReason')}<textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="return-reason" /></label>
          <div className="row">
            <button type="button" className="secondary" onClick={() => void call(`/api/reporting/submissions/${id}/review`, { revision, approve: false, reason }, t('sentBack'))} disabled={busy} data-testid="send-back">{t('sendBack')}</button>
            <button type="button" onClick={() => void call(`/api/reporting/submissions/${id}/review`, { revision, approve: true }, t('approved'))} disabled={busy} data-testid="approve">{t('approve')}</button>
          </div>
        </section>
      ) : null}
      {isOffice && status === 'SUBMITTED' ? (
        <section className="card stack">
          <label>{t('reopenReason')}<input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="reopen-reason" /></label>
          <div className="row"><button type="button" className="secondary" onClick={() => void call(`/api/reporting/submissions/${id}/reopen`, { revision, reason }, t('reopened'))} disabled={busy} data-testid="reopen">{t('reopen')}</button></div>
        </section>
      ) : null}
    </div>
  )
}
