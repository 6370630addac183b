'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Version = { id: string; appId: string; version: string; name: string; description: string; scopes: string[]; newScopes: string[]; networkOrigins: string[]; entry: string; screenshots: { id: string; form: string }[] }

export function ReviewCard({ version }: { version: Version }) {
  const t = useTranslations('microapps')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [reason, setReason] = useState('')
  async function decide(decision: 'approve' | 'reject') {
    const result = await api(`/api/microapps/versions/${version.id}/review`, { json: { decision, reason: reason || undefined } })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  return (
    <article className="card stack" aria-label={version.name} data-testid="review-card">
      <ErrorAlert error={error} />
      <div className="spread"><strong>{version.name}</strong><span className="small muted">{version.appId} · {version.version}</span></div>
      <p className="small" style={{ margin: 0 }}>{version.description}</p>
      <div className="small">{t('entry')}: <code style={{ overflowWrap: 'anywhere' }}>{version.entry}</code></div>
      <div className="small">{t('asksFor')}: {version.scopes.map((s) => `${t(`scopes.${s.replace('.', '_')}` as never)}${version.newScopes.includes(s) ? `（${t('newScope')}）` : ''}`).join('、') || t('noScopes')}</div>
      <div className="small" style={{ overflowWrap: 'anywhere' }}>{t('networkOrigins')}: {version.networkOrigins.join(' ') || '—'}</div>
      {version.screenshots.length ? (
        <ul className="app-screenshots" aria-label={t('screenshots')}>
          {/* eslint-disable-next-line @next/next/no-img-element -- our own re-encoded screenshots, served by an API route */}
          {version.screenshots.map((s, i) => <li key={s.id} data-form={s.form}><img src={`/api/microapps/screenshots/${s.id}`} loading="lazy" alt={t('screenshotAlt', { app: version.name, n: i + 1, form: t(s.form === 'PHONE' ? 'phone' : 'desktop') })} /></li>)}
        </ul>
      ) : null}
      <label>{t('reason')}<input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} /></label>
      <div className="row">
        <button type="button" onClick={() => void decide('approve')}>{t('approve')}</button>
        <button type="button" className="secondary" onClick={() => void decide('reject')}>{t('reject')}</button>
      </div>
    </article>
  )
}
