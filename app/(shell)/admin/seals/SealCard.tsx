'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'

type Seal = {
  id: string; name: string; unitName: string; isActive: boolean; hasKey: boolean; publicKey: string | null; hasUploadedImage: boolean; uses: number
  holders: { id: string; name: string }[]; createdAt: string; updatedAt: string
}

/** One seal: preview, key, holders (用印人), image and state. */
export function SealCard({ seal }: { seal: Seal }) {
  const t = useTranslations('seals')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const [holders, setHolders] = useState<PickedPerson[]>(seal.holders)
  const base = `/api/admin/seals/${seal.id}`

  async function run(call: () => ReturnType<typeof api>) {
    setBusy(true)
    const result = await call()
    setBusy(false)
    if (!result.ok) { setSaved(false); return setError(result.error) }
    setError(null)
    setSaved(true)
    router.refresh()
  }
  const patch = (fields: Record<string, string | Blob>) => {
    const form = new FormData()
    for (const [k, v] of Object.entries(fields)) form.set(k, v)
    return run(() => api(base, { method: 'PATCH', form }))
  }

  return (
    <article className="card stack" aria-label={seal.name} data-testid="seal-card">
      <div className="row" style={{ alignItems: 'flex-start', gap: 16 }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, uncached image from our API */}
        <img src={`${base}/image?v=${encodeURIComponent(seal.updatedAt)}`} alt={t('preview')} width={120} height={120} style={{ opacity: seal.isActive ? 1 : 0.4 }} />
        <div className="stack" style={{ gap: 6, flex: 1, minWidth: 0 }}>
          <div className="spread">
            <strong>{seal.name}</strong>
            <span className="row small">
              <span className={`badge ${seal.isActive ? 'green' : 'gray'}`}>{seal.isActive ? t('active') : t('inactive')}</span>
              <span className="muted">{t('uses', { count: seal.uses })}</span>
            </span>
          </div>
          <div className="small">
            <span className="muted">{t('key')} · </span>{seal.hasKey
              ? <span title={seal.publicKey ?? ''}>{t('hasKey')} <code className="code">{seal.publicKey!.slice(0, 18)}…</code></span>
              : <><span className="badge red">{t('noKey')}</span> <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => api(`${base}/key`, { method: 'POST' }))}>{t('generateKey')}</button></>}
          </div>
          <div className="small muted">{t('image')} · {seal.hasUploadedImage ? t('uploaded') : t('imageDrawn')}</div>
        </div>
      </div>
      <ErrorAlert error={error} />
      {saved ? <div className="alert success" role="status">{t('saved')}</div> : null}
      <div className="stack" style={{ gap: 6 }}>
        <strong className="small">{t('holders')}</strong>
        {holders.length === 0 ? <span className="small muted">{seal.uses > 0 ? t('noHoldersNow') : t('noHolders')}</span> : null}
        <PeoplePicker value={holders} onChange={setHolders} label={t('holders')} placeholder={t('searchPeople')} removeLabel={t('remove')} />
        <div><button type="button" className="secondary" disabled={busy} onClick={() => void run(() => api(`${base}/holders`, { method: 'PUT', json: { personIds: holders.map((h) => h.id) } }))}>{t('saveHolders')}</button></div>
      </div>
      <div className="row">
        <label className="button secondary" style={{ cursor: 'pointer' }}>
          {t('replaceImage')}
          <input type="file" accept="image/png" className="visually-hidden" onChange={(e) => { const file = e.target.files?.[0]; if (file) void patch({ image: file }) }} />
        </label>
        {seal.hasUploadedImage ? <button type="button" className="secondary" disabled={busy} onClick={() => void patch({ useDrawn: '1' })}>{t('useDrawn')}</button> : null}
        <button type="button" className="secondary" disabled={busy} onClick={() => void patch({ isActive: seal.isActive ? 'false' : 'true' })}>{seal.isActive ? t('deactivate') : t('reactivate')}</button>
      </div>
    </article>
  )
}
