'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

const TYPES = ['text', 'longText', 'number', 'date', 'choice', 'multiChoice', 'table', 'attachment'] as const
const COLUMN_TYPES = ['text', 'number', 'date', 'choice'] as const

import type { Col, F, Out, Section } from './template-form.ts'

const blankCol = (n: number): Col => ({ key: `c${n}`, label: '', type: 'text', required: false, measure: '', min: '', max: '', options: '' })
const blankField = (n: number): F => ({ ...blankCol(n), key: `f${n}`, help: '', columns: [] })
const splitOptions = (s: string) => s.split(/[、,，\n]/).map((x) => x.trim()).filter(Boolean)
const num = (s: string) => (s.trim() === '' ? undefined : Number(s))

function toCol(c: Col): Out {
  return { key: c.key.trim(), label: c.label.trim(), type: c.type, required: c.required, measure: c.measure, min: num(c.min), max: num(c.max), ...(c.type === 'choice' || c.type === 'multiChoice' ? { options: splitOptions(c.options) } : {}) }
}

/**
 * The template builder (填报模板): sections of fields, each with its type, code, required flag, help,
 * measure and bounds, options, or a table's columns. Saving makes a new version; the server checks
 * the definition and answers each problem at its field.
 */
export function TemplateEditor({ templateId, revision, initialName, initial }: { templateId?: string; revision?: number; initialName?: string; initial?: Section[] }) {
  const t = useTranslations('reporting')
  const router = useRouter()
  const [name, setName] = useState(initialName ?? '')
  const [sections, setSections] = useState<Section[]>(initial ?? [{ title: '', fields: [blankField(1)] }])
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)
  const count = sections.reduce((n, s) => n + s.fields.length, 0)

  const setField = (si: number, fi: number, patch: Partial<F>) => setSections((ss) => ss.map((s, i) => (i !== si ? s : { ...s, fields: s.fields.map((f, j) => (j === fi ? { ...f, ...patch } : f)) })))
  const setCol = (si: number, fi: number, ci: number, patch: Partial<Col>) => setField(si, fi, { columns: sections[si]!.fields[fi]!.columns.map((c, k) => (k === ci ? { ...c, ...patch } : c)) })

  async function save() {
    setBusy(true)
    const definition = { sections: sections.map((s) => ({ title: s.title.trim(), fields: s.fields.map((f) => ({ ...toCol(f), help: f.help, ...(f.type === 'table' ? { columns: f.columns.map(toCol) } : {}) })) })) }
    const result = await api<{ templateId: string; version: number }>('/api/reporting/templates', { json: { templateId, revision, name: name.trim(), definition } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setSaved(t('savedVersion', { n: result.data.version }))
    router.push(`/reporting/templates/${result.data.templateId}`)
    router.refresh()
  }

  const details = (error?.details as { path: (string | number)[]; message: string }[] | undefined) ?? []
  return (
    <div className="stack" data-testid="template-editor">
      <ErrorAlert error={error} />
      {details.length ? <ul className="small" style={{ color: '#8e1c1c', margin: 0 }}>{details.map((d, i) => <li key={i}>{d.path.slice(1).join(' › ')}：{d.message}</li>)}</ul> : null}
      {saved ? <div className="alert success" role="status">{saved}</div> : null}
      <label>{t('templateName')}<input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required data-testid="template-name" /></label>
      {sections.map((s, si) => (
        <fieldset key={si} className="card stack rp-section">
          <legend>{t('sectionN', { n: si + 1 })}</legend>
          <label>{t('sectionTitle')}<input value={s.title} onChange={(e) => setSections((ss) => ss.map((x, i) => (i === si ? { ...x, title: e.target.value } : x)))} maxLength={100} data-testid={`section-title-${si}`} /></label>
          {s.fields.map((f, fi) => (
            <div key={fi} className="rp-field stack" data-testid={`field-${si}-${fi}`}>
              <div className="form-grid">
                <label>{t('fieldLabel')}<input value={f.label} onChange={(e) => setField(si, fi, { label: e.target.value })} maxLength={100} data-testid="field-label" /></label>
                <label>{t('fieldKey')}<input value={f.key} onChange={(e) => setField(si, fi, { key: e.target.value })} maxLength={40} pattern="[a-z][a-z0-9_]*" data-testid="field-key" /></label>
                <label>{t('fieldType')}<select value={f.type} onChange={(e) => setField(si, fi, { type: e.target.value, columns: e.target.value === 'table' && f.columns.length === 0 ? [blankCol(1)] : f.columns })} data-testid="field-type">
                  {TYPES.map((x) => <option key={x} value={x}>{t(`types.${x}`)}</option>)}
                </select></label>
                {f.type === 'number' ? <>
                  <label>{t('measure')}<input value={f.measure} onChange={(e) => setField(si, fi, { measure: e.target.value })} maxLength={20} data-testid="field-measure" /></label>
                  <label>{t('min')}<input inputMode="decimal" value={f.min} onChange={(e) => setField(si, fi, { min: e.target.value })} data-testid="field-min" /></label>
                  <label>{t('max')}<input inputMode="decimal" value={f.max} onChange={(e) => setField(si, fi, { max: e.target.value })} data-testid="field-max" /></label>
                </> : null}
                {f.type === 'choice' || f.type === 'multiChoice' ? <label>{t('options')}<input value={f.options} onChange={(e) => setField(si, fi, { options: e.target.value })} placeholder={t('optionsHint')} data-testid="field-options" /></label> : null}
                <label>{t('help')}<input value={f.help} onChange={(e) => setField(si, fi, { help: e.target.value })} maxLength={300} /></label>
                <label className="check"><input type="checkbox" checked={f.required} onChange={(e) => setField(si, fi, { required: e.target.checked })} data-testid="field-required" />{t('required')}</label>
              </div>
              {f.type === 'table' ? (
                <div className="stack rp-columns">
                  <strong className="small">{t('columns')}</strong>
                  {f.columns.map((c, ci) => (
                    <div key={ci} className="form-grid" data-testid={`column-${ci}`}>
                      <label>{t('columnLabel')}<input value={c.label} onChange={(e) => setCol(si, fi, ci, { label: e.target.value })} data-testid="column-label" /></label>
                      <label>{t('fieldKey')}<input value={c.key} onChange={(e) => setCol(si, fi, ci, { key: e.target.value })} data-testid="column-key" /></label>
                      <label>{t('fieldType')}<select value={c.type} onChange={(e) => setCol(si, fi, ci, { type: e.target.value })} data-testid="column-type">{COLUMN_TYPES.map((x) => <option key={x} value={x}>{t(`types.${x}`)}</option>)}</select></label>
                      {c.type === 'number' ? <label>{t('measure')}<input value={c.measure} onChange={(e) => setCol(si, fi, ci, { measure: e.target.value })} /></label> : null}
                      {c.type === 'choice' ? <label>{t('options')}<input value={c.options} onChange={(e) => setCol(si, fi, ci, { options: e.target.value })} placeholder={t('optionsHint')} /></label> : null}
                      <label className="check"><input type="checkbox" checked={c.required} onChange={(e) => setCol(si, fi, ci, { required: e.target.checked })} />{t('required')}</label>
                    </div>
                  ))}
                  <div className="row"><button type="button" className="secondary" onClick={() => setField(si, fi, { columns: [...f.columns, blankCol(f.columns.length + 1)] })} data-testid="add-column">{t('addColumn')}</button></div>
                </div>
              ) : null}
              <div className="row"><button type="button" className="secondary small" onClick={() => setSections((ss) => ss.map((x, i) => (i === si ? { ...x, fields: x.fields.filter((_, j) => j !== fi) } : x)))} disabled={s.fields.length === 1}>{t('removeField')}</button></div>
            </div>
          ))}
          <div className="row"><button type="button" className="secondary" onClick={() => setSections((ss) => ss.map((x, i) => (i === si ? { ...x, fields: [...x.fields, blankField(count + 1)] } : x)))} data-testid={`add-field-${si}`}>{t('addField')}</button></div>
        </fieldset>
      ))}
      <div className="row">
        <button type="button" className="secondary" onClick={() => setSections((ss) => [...ss, { title: '', fields: [blankField(count + 1)] }])}>{t('addSection')}</button>
        <button type="button" onClick={() => void save()} disabled={busy} data-testid="save-template">{templateId ? t('saveNewVersion') : t('saveTemplate')}</button>
      </div>
    </div>
  )
}
