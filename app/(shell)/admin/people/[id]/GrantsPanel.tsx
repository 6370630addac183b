'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

type Grant = { id: string; role: string; unit: string; includesSubunits: boolean }

export function GrantsPanel({ personId, grants, roles, units }: { personId: string; grants: Grant[]; roles: { id: string; name: string }[]; units: { id: string; label: string }[] }) {
  const t = useTranslations('admin')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function grant(form: FormData) {
    const result = await api('/api/admin/grants', {
      json: { personId, roleId: form.get('roleId'), unitId: form.get('unitId'), includesSubunits: form.get('includesSubunits') === 'on' },
    })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  async function revoke(id: string) {
    const result = await api(`/api/admin/grants/${id}`, { method: 'DELETE' })
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  return (
    <div className="stack">
      <h2>{t('grants')}</h2>
      <ErrorAlert error={error} />
      {grants.length ? (
        <ul>
          {grants.map((g) => (
            <li key={g.id}>
              {g.role} @ {g.unit}{g.includesSubunits ? ` ${t('andBelow')}` : ''}{' '}
              <button type="button" className="link" onClick={() => revoke(g.id)}>{t('revoke')}</button>
            </li>
          ))}
        </ul>
      ) : <p className="muted">{t('noGrants')}</p>}
      <form className="form-grid" action={grant} style={{ alignItems: 'end' }}>
        <label>{t('role')}<select name="roleId">{roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></label>
        <label>{t('scope')}<select name="unitId">{units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}</select></label>
        <label className="check"><input type="checkbox" name="includesSubunits" defaultChecked />{t('includesSubunits')}</label>
        <div><button type="submit" className="secondary">{t('grant')}</button></div>
      </form>
    </div>
  )
}
