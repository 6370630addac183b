'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'

type Assignee = { kind: 'PERSON'; personId: string } | { kind: 'ROLE'; roleKey: string } | { kind: 'DRAFTER_DIVISION_HEAD' | 'LEADER_IN_CHARGE' | 'REGISTRY' | 'CHOSEN' }
type Step = { type: string; name: string; assignee: Assignee; completion: 'ALL' | 'ANY'; timeLimitHours?: number; editsBody: boolean; optional: boolean }
export type TemplateValue = { id?: string; name: string; direction: 'OUTGOING' | 'INCOMING'; kinds: string[]; unitId: string | null; isActive: boolean; steps: Step[] }

const assigneeKinds = ['DRAFTER_DIVISION_HEAD', 'LEADER_IN_CHARGE', 'REGISTRY', 'CHOSEN', 'PERSON', 'ROLE'] as const

/** A workflow template: ordered steps, each with its type, who acts, completion and time limit. */
export function TemplateForm({ initial, kinds, stepTypes, units, mayApplyEverywhere, roles, people }: {
  initial: TemplateValue; kinds: string[]; stepTypes: string[]; units: { id: string; name: string; depth: number }[]; mayApplyEverywhere: boolean; roles: { key: string; name: string }[]; people: Record<string, string>
}) {
  const t = useTranslations('workflows')
  const tDoc = useTranslations('documents')
  const router = useRouter()
  const [value, setValue] = useState<TemplateValue>(initial)
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState(false)
  const set = (patch: Partial<TemplateValue>) => { setSaved(false); setValue((v) => ({ ...v, ...patch })) }
  const setStep = (i: number, patch: Partial<Step>) => set({ steps: value.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const move = (i: number, d: number) => {
    const steps = [...value.steps]
    const [s] = steps.splice(i, 1)
    steps.splice(i + d, 0, s!)
    set({ steps })
  }

  async function save() {
    const { id, ...body } = value
    const result = await api<{ id: string }>(id ? `/api/admin/workflows/${id}` : '/api/admin/workflows', { method: id ? 'PUT' : 'POST', json: body })
    if (!result.ok) return setError(result.error)
    setError(null)
    setSaved(true)
    if (!id) router.push(`/admin/workflows/${result.data.id}`)
    else router.refresh()
  }

  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {saved ? <div className="alert success" role="status">{t('saved')}</div> : null}
      <div className="form-grid">
        <label>{t('name')}<input value={value.name} onChange={(e) => set({ name: e.target.value })} maxLength={60} /></label>
        <label>{t('direction')}
          <select value={value.direction} onChange={(e) => set({ direction: e.target.value as TemplateValue['direction'] })}>
            <option value="OUTGOING">{tDoc('directions.OUTGOING')}</option><option value="INCOMING">{tDoc('directions.INCOMING')}</option>
          </select>
        </label>
        <label>{t('unit')}
          <select value={value.unitId ?? ''} onChange={(e) => set({ unitId: e.target.value || null })}>
            {mayApplyEverywhere ? <option value="">{t('allUnits')}</option> : null}
            {units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(u.depth)}{u.name}</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={value.isActive} onChange={(e) => set({ isActive: e.target.checked })} /> {t('active')}</label>
      </div>
      <fieldset className="choose">
        <legend>{t('kinds')}</legend>
        <div className="row">
          {kinds.map((k) => (
            <label key={k} className="check"><input type="checkbox" checked={value.kinds.includes(k)} onChange={(e) => set({ kinds: e.target.checked ? [...value.kinds, k] : value.kinds.filter((x) => x !== k) })} /> {tDoc(`kinds.${k}`)}</label>
          ))}
        </div>
      </fieldset>
      <h2 style={{ margin: 0 }}>{t('steps')}</h2>
      <ol className="step-editor">
        {value.steps.map((s, i) => (
          <li key={i} className="card stack">
            <div className="form-grid">
              <label>{t('stepName')}<input value={s.name} onChange={(e) => setStep(i, { name: e.target.value })} maxLength={40} /></label>
              <label>{t('stepType')}<select value={s.type} onChange={(e) => setStep(i, { type: e.target.value })}>{stepTypes.map((st) => <option key={st} value={st}>{t(`types.${st}`)}</option>)}</select></label>
              <label>{t('assignee')}
                <select value={s.assignee.kind} onChange={(e) => {
                  const kind = e.target.value as Assignee['kind']
                  setStep(i, { assignee: kind === 'PERSON' ? { kind, personId: '' } : kind === 'ROLE' ? { kind, roleKey: roles[0]?.key ?? '' } : { kind } })
                }}>{assigneeKinds.map((k) => <option key={k} value={k}>{t(`assignees.${k}`)}</option>)}</select>
              </label>
              {s.assignee.kind === 'ROLE' ? (
                <label>{t('roleKey')}<select value={s.assignee.roleKey} onChange={(e) => setStep(i, { assignee: { kind: 'ROLE', roleKey: e.target.value } })}>{roles.map((r) => <option key={r.key} value={r.key}>{r.name}</option>)}</select></label>
              ) : null}
              <label>{t('completion')}
                <select value={s.completion} onChange={(e) => setStep(i, { completion: e.target.value as 'ALL' | 'ANY' })}><option value="ALL">{t('completionAll')}</option><option value="ANY">{t('completionAny')}</option></select>
              </label>
              <label>{t('timeLimit')}<input type="number" min={1} max={2160} value={s.timeLimitHours ?? ''} onChange={(e) => setStep(i, { timeLimitHours: e.target.value ? Number(e.target.value) : undefined })} /></label>
            </div>
            {s.assignee.kind === 'PERSON' ? (
              <PersonField value={s.assignee.personId} name={people[s.assignee.personId] ?? ''} onChange={(personId) => setStep(i, { assignee: { kind: 'PERSON', personId } })} />
            ) : null}
            <div className="row">
              <label className="check"><input type="checkbox" checked={s.editsBody} onChange={(e) => setStep(i, { editsBody: e.target.checked })} /> {t('editsBody')}</label>
              <label className="check"><input type="checkbox" checked={s.optional} onChange={(e) => setStep(i, { optional: e.target.checked })} /> {t('optional')}</label>
              <span style={{ flex: 1 }} />
              <button type="button" className="link" disabled={i === 0} onClick={() => move(i, -1)}>{t('up')}</button>
              <button type="button" className="link" disabled={i === value.steps.length - 1} onClick={() => move(i, 1)}>{t('down')}</button>
              <button type="button" className="link" onClick={() => set({ steps: value.steps.filter((_, j) => j !== i) })}>{t('remove')}</button>
            </div>
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" className="secondary" onClick={() => set({ steps: [...value.steps, { type: stepTypes[0]!, name: t(`types.${stepTypes[0]}`), assignee: { kind: 'REGISTRY' }, completion: 'ANY', editsBody: false, optional: false }] })}>{t('addStep')}</button>
        <button type="button" onClick={() => void save()}>{t('save')}</button>
      </div>
    </div>
  )
}

function PersonField({ value, name, onChange }: { value: string; name: string; onChange: (personId: string) => void }) {
  const t = useTranslations('workflows')
  const tDoc = useTranslations('documents')
  const [picked, setPicked] = useState<PickedPerson[]>(value ? [{ id: value, name }] : [])
  return <PeoplePicker single value={picked} onChange={(p) => { setPicked(p); onChange(p[0]?.id ?? '') }} label={t('person')} placeholder={tDoc('searchPeople')} removeLabel={tDoc('remove')} />
}
