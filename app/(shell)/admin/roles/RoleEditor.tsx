'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Role = { id: string; name: string; nameEn: string; description: string; permissions: string[]; requiresTotp: boolean; isSystem: boolean; grantCount: number }

export function RoleEditor({ role, catalogue }: { role?: Role; catalogue: { key: string; label: string }[] }) {
  const t = useTranslations('admin')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState(false)
  const [copied, setCopied] = useState<string | null>(null)
  // Built-in roles are shown, never edited (三员分立): copy one to change it.
  const isReadOnly = !!role?.isSystem
  async function submit(form: FormData) {
    const body = {
      name: form.get('name'), nameEn: form.get('nameEn'), description: form.get('description') ?? '',
      permissions: form.getAll('permissions'), requiresTotp: form.get('requiresTotp') === 'on',
    }
    const result = role ? await api(`/api/admin/roles/${role.id}`, { method: 'PATCH', json: body }) : await api('/api/admin/roles', { json: body })
    if (!result.ok) { setSaved(false); return setError(result.error) }
    setError(null)
    setSaved(true)
    router.refresh()
  }
  async function copy() {
    const result = await api<{ role: { name: string } }>(`/api/admin/roles/${role!.id}/copy`, { method: 'POST' })
    if (!result.ok) { setCopied(null); return setError(result.error) }
    setError(null)
    setCopied(result.data.role.name)
    router.refresh()
  }
  async function remove() {
    const result = await api(`/api/admin/roles/${role!.id}`, { method: 'DELETE' })
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  return (
    <form className="stack" action={submit}>
      {role ? (
        <div className="spread">
          <h2 style={{ margin: 0 }}>{role.name} {role.isSystem ? <span className="badge gray">{t('systemRole')}</span> : null}</h2>
          <span className="small muted">{t('holders', { count: role.grantCount })}</span>
        </div>
      ) : null}
      <ErrorAlert error={error} />
      {saved ? <div className="alert success" role="status">{t('saved')}</div> : null}
      {copied ? <div className="alert success" role="status">{t('roleCopied', { name: copied })}</div> : null}
      {isReadOnly ? <p className="small muted">{t('systemRoleReadOnly')}</p> : null}
      <fieldset disabled={isReadOnly} className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
        <div className="form-grid">
          <label>{t('roleName')}<input name="name" defaultValue={role?.name} required maxLength={40} /></label>
          <label>{t('roleNameEn')}<input name="nameEn" defaultValue={role?.nameEn} required maxLength={60} /></label>
        </div>
        <fieldset style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
          <legend>{t('permissions')}</legend>
          <div className="form-grid">
            {catalogue.map((p) => (
              <label key={p.key} className="check">
                <input type="checkbox" name="permissions" value={p.key} defaultChecked={role?.permissions.includes(p.key)} />
                <span>{p.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="check"><input type="checkbox" name="requiresTotp" defaultChecked={role?.requiresTotp} />{t('requiresTotp')}</label>
      </fieldset>
      <div className="row">
        {isReadOnly ? null : <button type="submit">{role ? t('save') : t('create')}</button>}
        {role ? <button type="button" className="secondary" onClick={copy}>{t('copyRole')}</button> : null}
        {role && !role.isSystem && role.grantCount === 0 ? <button type="button" className="secondary" onClick={remove}>{t('delete')}</button> : null}
      </div>
    </form>
  )
}
