'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

const kinds = ['PROVINCE', 'CITY', 'COUNTY', 'DEPARTMENT', 'DIVISION', 'OTHER'] as const

type Unit = { id: string; name: string; shortName: string; fullName: string | null; organCode: string | null; kind: string; sortOrder: number; isActive: boolean; isRoot: boolean; parentId: string | null }

function fieldsOf(form: FormData) {
  return {
    name: String(form.get('name') ?? ''), shortName: String(form.get('shortName') ?? ''), fullName: String(form.get('fullName') ?? ''), organCode: String(form.get('organCode') ?? ''),
    kind: String(form.get('kind') ?? 'DEPARTMENT'), sortOrder: Number(form.get('sortOrder') ?? 0),
  }
}

function UnitFieldsInputs({ unit, t }: { unit?: Partial<Unit>; t: ReturnType<typeof useTranslations> }) {
  return (
    <div className="form-grid">
      <label>{t('unitName')}<input name="name" defaultValue={unit?.name} required maxLength={100} /></label>
      <label>{t('unitShortName')}<input name="shortName" defaultValue={unit?.shortName} required maxLength={40} /></label>
      <label>{t('organCode')}<input name="organCode" defaultValue={unit?.organCode ?? ''} maxLength={20} /></label>
      <label>{t('unitFullName')}<input name="fullName" defaultValue={unit?.fullName ?? ''} maxLength={100} placeholder={unit?.name} aria-describedby="unit-full-name-hint" />
        <small id="unit-full-name-hint" className="muted">{t('unitFullNameHint')}</small>
      </label>
      <label>{t('unitKind')}
        <select name="kind" defaultValue={unit?.kind ?? 'DEPARTMENT'}>
          {kinds.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </select>
      </label>
      <label>{t('sortOrder')}<input name="sortOrder" type="number" min={0} defaultValue={unit?.sortOrder ?? 0} /></label>
    </div>
  )
}

export function UnitEditor({ unit, parents }: { unit: Unit; parents: { id: string; label: string }[] }) {
  const t = useTranslations('admin')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  async function run(call: Promise<{ ok: boolean; error?: ApiError; data?: unknown }>, message: string, goTo?: (data: never) => string) {
    const result = await call
    if (!result.ok) { setNotice(null); return setError(result.error ?? null) }
    setError(null)
    setNotice(message)
    if (goTo) router.push(goTo(result.data as never))
    router.refresh()
  }

  return (
    <div className="stack">
      <div className="spread">
        <h2>{unit.name}</h2>
        {unit.isActive ? <span className="badge green">{t('active')}</span> : <span className="badge gray">{t('inactive')}</span>}
      </div>
      <ErrorAlert error={error} />
      {notice ? <div className="alert success" role="status">{notice}</div> : null}
      <form className="stack" action={(f) => run(api(`/api/admin/units/${unit.id}`, { method: 'PATCH', json: fieldsOf(f) }), t('saved'))}>
        <UnitFieldsInputs unit={unit} t={t} />
        <div><button type="submit">{t('save')}</button></div>
      </form>
      <hr />
      <h3>{t('addChild')}</h3>
      <form className="stack" action={(f) => run(api<{ unit: { id: string } }>('/api/admin/units', { json: { ...fieldsOf(f), parentId: unit.id } }), t('created'), (d: { unit: { id: string } }) => `/admin/units?unit=${d.unit.id}`)}>
        <UnitFieldsInputs t={t} />
        <div><button type="submit" className="secondary">{t('create')}</button></div>
      </form>
      {!unit.isRoot ? (
        <>
          <hr />
          <h3>{t('moveUnit')}</h3>
          <form className="row" action={(f) => run(api(`/api/admin/units/${unit.id}/move`, { json: { parentId: f.get('parentId') } }), t('moved'))}>
            <label style={{ flex: 1 }}>{t('newParent')}
              <select name="parentId" defaultValue={unit.parentId ?? ''}>
                {parents.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
              </select>
            </label>
            <button type="submit" className="secondary" style={{ alignSelf: 'flex-end' }}>{t('move')}</button>
          </form>
          <hr />
          <div>
            {unit.isActive ? (
              <button type="button" className="danger" onClick={() => run(api(`/api/admin/units/${unit.id}/active`, { json: { isActive: false } }), t('deactivated'))}>{t('deactivate')}</button>
            ) : (
              <button type="button" className="secondary" onClick={() => run(api(`/api/admin/units/${unit.id}/active`, { json: { isActive: true } }), t('reactivated'))}>{t('reactivate')}</button>
            )}
          </div>
        </>
      ) : null}
    </div>
  )
}
