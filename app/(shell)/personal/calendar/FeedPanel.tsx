'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** The ICS feed: make, remake or turn off the secret address; the address is shown once, when made. */
export function FeedPanel({ madeAt }: { madeAt: string | null }) {
  const t = useTranslations('personal')
  const router = useRouter()
  const [address, setAddress] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  async function make() {
    setBusy(true)
    const result = await api<{ path: string }>('/api/personal/feed', { method: 'POST' })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setAddress(`${window.location.origin}${result.data.path}`)
    router.refresh()
  }
  async function revoke() {
    setBusy(true)
    const result = await api('/api/personal/feed', { method: 'DELETE' })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setAddress(null)
    router.refresh()
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {address ? (
        <label className="stack">{t('feedCopy')}<input readOnly value={address} data-testid="feed-address" onFocus={(e) => e.currentTarget.select()} /></label>
      ) : <p className="small" style={{ margin: 0 }}>{madeAt ? t('feedActive', { date: madeAt }) : t('feedNone')}</p>}
      <div className="row">
        <button type="button" disabled={busy} onClick={make}>{madeAt ? t('feedRemake') : t('feedMake')}</button>
        {madeAt ? <button type="button" className="secondary" disabled={busy} onClick={revoke}>{t('feedRevoke')}</button> : null}
      </div>
    </div>
  )
}
