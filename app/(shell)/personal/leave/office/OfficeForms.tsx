'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

type Issue = { path: (string | number)[]; message: string }
const issuesOf = (error: ApiError | null) => ((error?.code === 'validation' ? error.details : null) as Issue[] | null) ?? []
const issueAt = (error: ApiError | null, key: string) => issuesOf(error).filter((i) => i.path.join('.') === key).map((i) => i.message).join(' ')
/** An empty field is sent as null (the server names it); a number keeps its comma or point. */
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')))

function FieldError({ text }: { text: string }) {
  return text ? <span className="small" role="alert" style={{ color: 'var(--danger)' }}>{text}</span> : null
}

type PersonRow = { id: string; name: string; where: string; revision: number | null; entitled: number; carried: number; used: number; pending: number; remaining: number }

/** One person's annual leave for the year, with an inline editor of the entitlement and the days carried over. */
export function EntitlementRow({ person, year }: { person: PersonRow; year: number }) {
  const t = useTranslations('personal.office')
  const router = useRouter()
  const [editing, setEditing] = useState(false)
  const [days, setDays] = useState(String(person.entitled))
  const [carried, setCarried] = useState(String(person.carried))
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function save() {
    setBusy(true)
    const result = await api('/api/personal/entitlements', { json: { personId: person.id, year, days: numberOrNull(days), carriedDays: numberOrNull(carried), revision: person.revision } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setEditing(false)
    router.refresh()
  }
  return (
    <li className="inbox-row" style={{ cursor: 'default', flexWrap: 'wrap' }} data-testid={`person-${person.name}`}>
      <span className="inbox-main">
        <span className="inbox-title">{person.name} <span className="small muted">{person.where}</span></span>
        <span className="small" data-testid="numbers">{t('numbers', { entitled: person.entitled, carried: person.carried, used: person.used, pending: person.pending, remaining: person.remaining })}</span>
      </span>
      <span className="inbox-side">
        {editing ? null : <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={t('editFor', { name: person.name })}>{t('edit')}</button>}
      </span>
      {editing ? (
        <form className="stack" style={{ flexBasis: '100%' }} noValidate onSubmit={(e) => { e.preventDefault(); void save() }}>
          <ErrorAlert error={error} />
          <div className="form-grid">
            <label>{t('daysLabel')}<input type="number" inputMode="decimal" min={0} max={60} step={0.5} value={days} onChange={(e) => setDays(e.target.value)} /><FieldError text={issueAt(error, 'days')} /></label>
            <label>{t('carriedLabel')}<input type="number" inputMode="decimal" min={0} max={60} step={0.5} value={carried} onChange={(e) => setCarried(e.target.value)} /><FieldError text={issueAt(error, 'carriedDays')} /></label>
          </div>
          <div className="row">
            <button type="submit" disabled={busy}>{t('save')}</button>
            <button type="button" className="secondary" disabled={busy} onClick={() => { setEditing(false); setError(null) }}>{t('cancel')}</button>
          </div>
        </form>
      ) : null}
    </li>
  )
}

/** 按单位批量设置: the year's entitlement and/or last year's unused days carried over (up to a cap) for a unit's people. */
export function BulkEntitlementForm({ units, unitId, year }: { units: { id: string; name: string; depth: number }[]; unitId: string; year: number }) {
  const t = useTranslations('personal.office')
  const router = useRouter()
  const [unit, setUnit] = useState(unitId)
  const [subunits, setSubunits] = useState(true)
  const [days, setDays] = useState('')
  const [carry, setCarry] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const top = units[0]?.depth ?? 0
  async function submit() {
    const name = units.find((u) => u.id === unit)?.name ?? ''
    if (!window.confirm(t('bulkConfirm', { unit: name, year }))) return
    setBusy(true); setDone('')
    const result = await api<{ people: number; skipped: number }>('/api/personal/entitlements/bulk', { json: { unitId: unit, year, includeSubunits: subunits, days: numberOrNull(days), carryOverMaxDays: numberOrNull(carry) } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(t('bulkDone', { people: result.data.people, skipped: result.data.skipped }))
    router.refresh()
  }
  return (
    <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); void submit() }}>
      <ErrorAlert error={error} />
      {done ? <div className="alert" role="status">{done}</div> : null}
      <div className="form-grid">
        <label>{t('unit')}
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>{units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(Math.max(0, u.depth - top))}{u.name}</option>)}</select>
        </label>
        <label>{t('bulkDays', { year })}<input type="number" inputMode="decimal" min={0} max={60} step={0.5} value={days} placeholder={t('keep')} onChange={(e) => setDays(e.target.value)} /><FieldError text={issueAt(error, 'days')} /></label>
        <label>{t('bulkCarry', { last: year - 1 })}<input type="number" inputMode="decimal" min={0} max={60} step={0.5} value={carry} placeholder={t('noCarry')} onChange={(e) => setCarry(e.target.value)} /><FieldError text={issueAt(error, 'carryOverMaxDays')} /></label>
      </div>
      <label className="check"><input type="checkbox" checked={subunits} onChange={(e) => setSubunits(e.target.checked)} style={{ width: 'auto' }} />{t('includeSubunits')}</label>
      <div><button type="submit" disabled={busy}>{t('bulkSubmit')}</button></div>
    </form>
  )
}

type Step = { role: 'DIVISION_HEAD' | 'OFFICE'; overDays?: number }

/** The organisation's approval rule: steps in order, each for all leave or only for leave longer than N working days. */
export function LeaveRuleEditor({ organId, steps: initial, revision }: { organId: string; steps: Step[]; revision: number | null }) {
  const t = useTranslations('personal.office')
  const router = useRouter()
  const [steps, setSteps] = useState(() => initial.map((s) => ({ role: s.role, over: s.overDays === undefined ? '' : String(s.overDays) })))
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const set = (i: number, change: Partial<(typeof steps)[number]>) => setSteps((xs) => xs.map((x, j) => (j === i ? { ...x, ...change } : x)))
  const move = (i: number, by: number) => setSteps((xs) => { const ys = [...xs]; const [x] = ys.splice(i, 1); ys.splice(i + by, 0, x!); return ys })
  async function save() {
    setBusy(true); setDone('')
    const payload = steps.map((s) => (s.over.trim() === '' ? { role: s.role } : { role: s.role, overDays: numberOrNull(s.over) }))
    const result = await api('/api/personal/rules', { method: 'PUT', json: { unitId: organId, steps: payload, revision } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(t('ruleSaved'))
    router.refresh()
  }
  return (
    <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); void save() }}>
      <ErrorAlert error={error} />
      {done ? <div className="alert" role="status">{done}</div> : null}
      <FieldError text={issueAt(error, 'steps')} />
      <ol className="stack" style={{ margin: 0, paddingLeft: 20 }} data-testid="rule-steps">
        {steps.map((s, i) => (
          <li key={i}>
            <div className="form-grid" style={{ alignItems: 'end' }}>
              <label>{t('stepRole', { n: i + 1 })}
                <select value={s.role} onChange={(e) => set(i, { role: e.target.value as Step['role'] })}>
                  <option value="DIVISION_HEAD">{t('roles.DIVISION_HEAD')}</option>
                  <option value="OFFICE">{t('roles.OFFICE')}</option>
                </select>
              </label>
              <label>{t('stepOver')}<input type="number" inputMode="decimal" min={0} max={365} step={0.5} value={s.over} placeholder={t('allLeave')} onChange={(e) => set(i, { over: e.target.value })} /><FieldError text={issueAt(error, `steps.${i}.overDays`)} /></label>
              <div className="row" style={{ gap: 6 }}>
                <button type="button" className="secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('up', { n: i + 1 })}>↑</button>
                <button type="button" className="secondary" disabled={i === steps.length - 1} onClick={() => move(i, 1)} aria-label={t('down', { n: i + 1 })}>↓</button>
                <button type="button" className="secondary" disabled={steps.length === 1} onClick={() => setSteps((xs) => xs.filter((_, j) => j !== i))}>{t('removeStep')}</button>
              </div>
            </div>
          </li>
        ))}
      </ol>
      <p className="small muted" style={{ margin: 0 }} data-testid="rule-summary">{t('ruleSummary', { steps: steps.map((s) => (s.over.trim() === '' ? t(`roles.${s.role}`) : t('stepOverSummary', { role: t(`roles.${s.role}`), days: s.over }))).join(' → ') })}</p>
      <div className="row">
        <button type="button" className="secondary" disabled={steps.length >= 5} onClick={() => setSteps((xs) => [...xs, { role: 'OFFICE', over: '' }])}>{t('addStep')}</button>
        <button type="submit" disabled={busy}>{t('saveRule')}</button>
      </div>
    </form>
  )
}
