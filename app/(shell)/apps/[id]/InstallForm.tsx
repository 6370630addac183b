'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Install = { unitId: string; unitName: string; roleIds: string[]; preApprovedScopes: string[] }

/** Install for a unit (and the units under it), enable for roles, pre-approve scopes; uninstall. */
export function InstallForm({ appId, units, roles, scopes, installs }: { appId: string; units: { id: string; label: string }[]; roles: { id: string; name: string }[]; scopes: string[]; installs: Install[] }) {
  const t = useTranslations('microapps')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const base = `/api/microapps/apps/${encodeURIComponent(appId)}/install`
  async function run(call: () => ReturnType<typeof api>, message: string) {
    const result = await call()
    if (!result.ok) { setDone(null); return setError(result.error) }
    setError(null)
    setDone(message)
    router.refresh()
  }
  function install(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    void run(() => api(base, { json: { unitId: form.get('unitId'), roleIds: form.getAll('roleIds'), preApprovedScopes: form.getAll('scopes') } }), t('installed'))
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {done ? <div className="alert success" role="status">{done}</div> : null}
      {installs.map((i) => (
        <div key={i.unitId} className="spread small" data-testid="install-row">
          <span>{i.unitName}{i.preApprovedScopes.length ? ` · ${t('preApproved')}: ${i.preApprovedScopes.map((s) => t(`scopes.${s.replace('.', '_')}` as never)).join('、')}` : ''}</span>
          <button type="button" className="secondary" onClick={() => void run(() => api(base, { method: 'DELETE', json: { unitId: i.unitId } }), t('uninstalled'))}>{t('uninstall')}</button>
        </div>
      ))}
      <form className="stack" onSubmit={install}>
        <label>{t('unit')}<select name="unitId" required>{units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}</select></label>
        <fieldset className="stack" style={{ border: 0, padding: 0 }}>
          <legend className="small">{t('enableFor')}</legend>
          <select name="roleIds" multiple size={Math.min(5, roles.length + 1)} aria-label={t('enableFor')}>{roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select>
          <span className="small muted">{t('enableForHint')}</span>
        </fieldset>
        {scopes.length ? (
          <fieldset className="row" style={{ border: 0, padding: 0, flexWrap: 'wrap' }}>
            <legend className="small">{t('preApprove')}</legend>
            {scopes.map((s) => <label key={s} className="check"><input type="checkbox" name="scopes" value={s} />{t(`scopes.${s.replace('.', '_')}` as never)}</label>)}
          </fieldset>
        ) : null}
        <div><button type="submit">{t('install')}</button></div>
      </form>
    </div>
  )
}
