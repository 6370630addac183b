'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Client = {
  id: string; clientId: string; name: string; unitName: string; redirectUris: string[]; postLogoutRedirectUris: string[]
  scopes: string[]; disabled: boolean; revision: number; createdAt: string
}

const lines = (value: FormDataEntryValue | null) => String(value ?? '').split(/\s+/).map((s) => s.trim()).filter(Boolean)

/** Register clients (the secret is shown once), rotate secrets, disable; rotate the signing key. */
export function SsoClients({ clients, units, mayRotateKeys }: { clients: Client[]; units: { id: string; label: string }[]; mayRotateKeys: boolean }) {
  const t = useTranslations('microapps.ssoAdmin')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function run<T>(call: () => Promise<{ ok: true; data: T } | { ok: false; error: ApiError }>, after?: (data: T) => void) {
    setBusy(true)
    const result = await call()
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    after?.(result.data)
    router.refresh()
  }

  function register(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const element = event.currentTarget
    const form = new FormData(element)
    const json = {
      name: form.get('name'), unitId: form.get('unitId'),
      redirectUris: lines(form.get('redirectUris')), postLogoutRedirectUris: lines(form.get('postLogoutRedirectUris')),
      scopes: form.getAll('scopes'),
    }
    void run(() => api<{ clientId: string; clientSecret: string }>('/api/admin/sso-clients', { json }), (data) => {
      setSecret(data)
      setNotice(null)
      element.reset()
    })
  }

  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {secret ? (
        <div className="alert success stack" role="status" data-testid="client-secret">
          <strong>{t('secretOnce')}</strong>
          <span className="small">{t('clientId')}: <code>{secret.clientId}</code></span>
          <span className="small" style={{ overflowWrap: 'anywhere' }}>{t('clientSecret')}: <code data-testid="client-secret-value">{secret.clientSecret}</code></span>
        </div>
      ) : null}
      {notice ? <div className="alert success" role="status">{notice}</div> : null}
      {clients.length === 0 ? <p className="card muted">{t('none')}</p> : null}
      {clients.map((c) => (
        <article key={c.id} className="card stack" aria-label={c.name} data-testid="sso-client">
          <div className="spread">
            <strong>{c.name}</strong>
            <span className={`badge ${c.disabled ? 'gray' : 'green'}`}>{c.disabled ? t('disabled') : t('enabled')}</span>
          </div>
          <div className="small muted">{c.unitName} · {t('clientId')} <code>{c.clientId}</code></div>
          <div className="small" style={{ overflowWrap: 'anywhere' }}>{t('redirectUris')}: {c.redirectUris.join('、')}</div>
          <div className="small">{t('scopes')}: {c.scopes.map((s) => t(`scope.${s}` as never)).join('、') || '—'}</div>
          <div className="row" style={{ flexWrap: 'wrap' }}>
            <button type="button" className="secondary" disabled={busy}
              onClick={() => void run(() => api<{ clientSecret: string }>(`/api/admin/sso-clients/${c.id}/secret`, { json: { revision: c.revision } }), (d) => setSecret({ clientId: c.clientId, clientSecret: d.clientSecret }))}>
              {t('rotateSecret')}
            </button>
            <button type="button" className="secondary" disabled={busy}
              onClick={() => void run(() => api(`/api/admin/sso-clients/${c.id}`, { method: 'PATCH', json: { revision: c.revision, disabled: !c.disabled } }))}>
              {c.disabled ? t('enable') : t('disable')}
            </button>
          </div>
        </article>
      ))}
      <section className="card stack">
        <h2>{t('register')}</h2>
        <form className="stack" onSubmit={register}>
          <div className="form-grid">
            <label>{t('name')}<input name="name" required maxLength={100} /></label>
            <label>{t('unit')}<select name="unitId" required>{units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}</select></label>
          </div>
          <label>{t('redirectUris')}<textarea name="redirectUris" required rows={2} placeholder="https://app.example.gov.cn/callback" /><span className="small muted">{t('redirectHint')}</span></label>
          <label>{t('postLogoutRedirectUris')}<textarea name="postLogoutRedirectUris" rows={2} /></label>
          <fieldset className="row" style={{ border: 0, padding: 0, flexWrap: 'wrap' }}>
            <legend className="small">{t('scopes')}</legend>
            <label className="check"><input type="checkbox" name="scopes" value="profile" defaultChecked />{t('scope.profile')}</label>
            <label className="check"><input type="checkbox" name="scopes" value="org" />{t('scope.org')}</label>
          </fieldset>
          <div><button type="submit" disabled={busy}>{t('registerButton')}</button></div>
        </form>
      </section>
      {mayRotateKeys ? (
        <section className="card stack">
          <h2>{t('keys')}</h2>
          <p className="small muted">{t('keysHelp')}</p>
          <div><button type="button" className="secondary" disabled={busy} onClick={() => void run(() => api('/api/admin/sso-keys', { method: 'POST' }), () => setNotice(t('keysRotated')))}>{t('rotateKeys')}</button></div>
        </section>
      ) : null}
    </div>
  )
}
