'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

export type UnitOption = { id: string; label: string }
type Indicator = { name: string; measure: string; baseline: string; target: string; targetDate: string }

const SOURCES = ['MANUAL', 'ASSIGNED_FROM_ABOVE', 'KEY_WORK', 'DEPUTY_SUGGESTION', 'COMMITTEE_PROPOSAL'] as const
const CYCLES = ['FREE', 'WEEKLY', 'MONTHLY', 'DATES'] as const

/**
 * The office's form for 立项 (create), for a draft's 立项 (open) and for 分解 (decompose): the same
 * fields, posted to the matching route. On a phone it is one column.
 */
export function ItemForm({ mode, units, itemId, revision, initial, maxDeadline }: {
  mode: 'create' | 'open' | 'decompose'
  units: UnitOption[]
  itemId?: string
  revision?: number
  initial?: { title?: string; requirement?: string; deadline?: string }
  maxDeadline?: string
}) {
  const t = useTranslations('supervision')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [cycle, setCycle] = useState<string>('FREE')
  const [source, setSource] = useState<string>('MANUAL')
  const [indicators, setIndicators] = useState<Indicator[]>([])

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const text = (k: string) => String(form.get(k) ?? '').trim()
    const body = {
      title: text('title'), requirement: text('requirement'), category: text('category'), priority: text('priority') || 'NORMAL', deadline: text('deadline'),
      leadUnitId: text('leadUnitId'), coUnitIds: form.getAll('coUnitIds').map(String), cycle,
      cycleDates: cycle === 'DATES' ? text('cycleDates').split(/\s+/).filter(Boolean) : [],
      indicators: indicators.filter((x) => x.name && x.target).map((x) => ({ name: x.name, measure: x.measure, baseline: Number(x.baseline || 0), target: Number(x.target), ...(x.targetDate ? { targetDate: x.targetDate } : {}) })),
      ...(mode === 'create' ? { source, sourceNumber: text('sourceNumber') } : {}),
      ...(mode === 'open' ? { revision } : {}),
    }
    setBusy(true)
    const path = mode === 'create' ? '/api/supervision/items' : `/api/supervision/items/${itemId}/${mode}`
    const result = await api<{ id: string }>(path, { json: body })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    router.push(`/supervision/${mode === 'open' ? itemId : result.data.id}`)
    router.refresh()
  }

  const setIndicator = (i: number, patch: Partial<Indicator>) => setIndicators((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)))
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid={`item-form-${mode}`}>
      <ErrorAlert error={error} />
      {mode === 'create' ? (
        <div className="form-grid">
          <label>{t('fields.source')}
            <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
              {SOURCES.map((s) => <option key={s} value={s}>{t(`source.${s}`)}</option>)}
            </select>
          </label>
          {source !== 'MANUAL' && source !== 'KEY_WORK' ? <label>{t('fields.sourceNumber')}<input name="sourceNumber" maxLength={100} /></label> : null}
        </div>
      ) : null}
      <label>{t('fields.title')}<input name="title" required maxLength={200} defaultValue={initial?.title} /></label>
      <label>{t('fields.requirement')}<textarea name="requirement" rows={3} maxLength={4000} defaultValue={initial?.requirement} /></label>
      <div className="form-grid">
        <label>{t('fields.deadline')}<input name="deadline" type="date" required defaultValue={initial?.deadline} max={maxDeadline} /></label>
        <label>{t('fields.priority')}
          <select name="priority" defaultValue="NORMAL">
            {(['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const).map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
          </select>
        </label>
        <label>{t('fields.category')}<input name="category" maxLength={50} /></label>
        <label>{t('fields.cycle')}
          <select name="cycle" value={cycle} onChange={(e) => setCycle(e.target.value)}>
            {CYCLES.map((c) => <option key={c} value={c}>{t(`cycle.${c}`)}</option>)}
          </select>
        </label>
      </div>
      {maxDeadline ? <p className="small muted">{t('decomposeHint', { date: maxDeadline })}</p> : null}
      {cycle === 'DATES' ? <label>{t('fields.cycleDates')}<textarea name="cycleDates" rows={3} /></label> : null}
      <label>{t('fields.leadUnit')}
        <select name="leadUnitId" required defaultValue="">
          <option value="" disabled>{t('chooseUnit')}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
        </select>
      </label>
      <details className="choose">
        <summary>{t('fields.coUnits')}</summary>
        <div className="unit-checks">
          {units.map((u) => <label key={u.id} className="check"><input type="checkbox" name="coUnitIds" value={u.id} />{u.label}</label>)}
        </div>
      </details>
      <fieldset className="choose stack">
        <legend>{t('fields.indicators')}</legend>
        {indicators.map((x, i) => (
          <div key={i} className="form-grid sv-indicator">
            <label>{t('fields.indicatorName')}<input value={x.name} onChange={(e) => setIndicator(i, { name: e.target.value })} maxLength={100} /></label>
            <label>{t('fields.measure')}<input value={x.measure} onChange={(e) => setIndicator(i, { measure: e.target.value })} maxLength={20} /></label>
            <label>{t('fields.baseline')}<input inputMode="decimal" value={x.baseline} onChange={(e) => setIndicator(i, { baseline: e.target.value })} /></label>
            <label>{t('fields.target')}<input inputMode="decimal" value={x.target} onChange={(e) => setIndicator(i, { target: e.target.value })} /></label>
            <label>{t('fields.targetDate')}<input type="date" value={x.targetDate} onChange={(e) => setIndicator(i, { targetDate: e.target.value })} /></label>
            <div><button type="button" className="secondary" onClick={() => setIndicators((xs) => xs.filter((_, j) => j !== i))}>{t('removeIndicator')}</button></div>
          </div>
        ))}
        <div><button type="button" className="secondary" onClick={() => setIndicators((xs) => [...xs, { name: '', measure: '', baseline: '0', target: '', targetDate: '' }])}>{t('addIndicator')}</button></div>
      </fieldset>
      <div><button type="submit" disabled={busy}>{mode === 'decompose' ? t('decompose') : t('create')}</button></div>
    </form>
  )
}
