'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx'
import { NextStepSummary, useNextStep } from './NextStep.tsx'

type Options = { seals: { id: string; name: string; unitName: string }[]; renditions: { id: string; createdAt: string }[] }

/** 用印 at the SEAL step: choose one of the seals the person holds, seal; then download the sealed PDF. */
export function SealPanel({ documentId, revision }: { documentId: string; revision: number }) {
  const t = useTranslations('seals')
  const router = useRouter()
  const [options, setOptions] = useState<Options | null>(null)
  const [sealId, setSealId] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [confirming, setConfirming] = useState(false)
  const tConfirm = useTranslations('documents.confirm')
  const { preview } = useNextStep(documentId, revision, {}, confirming)
  const base = `/api/documents/${documentId}/seal`

  useEffect(() => {
    let live = true
    void api<Options>(base).then((result) => {
      if (!live) return
      if (!result.ok) return setError(result.error)
      setOptions(result.data)
      setSealId((current) => current || result.data.seals[0]?.id || '')
    })
    return () => { live = false }
  }, [base, revision])

  async function seal() {
    setBusy(true)
    setError(null)
    const result = await api(base, { json: { revision, sealId } })
    setBusy(false)
    setConfirming(false)
    if (!result.ok) return setError(result.error)
    router.refresh()
  }

  return (
    <section className="card stack" aria-label={t('panelTitle')} data-testid="seal-panel">
      <h2 style={{ margin: 0 }}>{t('panelTitle')}</h2>
      <p className="small muted" style={{ margin: 0 }}>{t('panelHint')}</p>
      <ErrorAlert error={error} />
      {options && options.seals.length === 0 ? <div className="alert info">{t('noUsableSeals')}</div> : null}
      {options && options.seals.length > 0 ? (
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <label style={{ flex: 1 }}>{t('chooseSeal')}
            <select value={sealId} onChange={(e) => setSealId(e.target.value)}>
              {options.seals.map((s) => <option key={s.id} value={s.id}>{s.name}（{s.unitName}）</option>)}
            </select>
          </label>
          {/* eslint-disable-next-line @next/next/no-img-element -- the seal's private preview */}
          {sealId ? <img src={`/api/admin/seals/${sealId}/image`} alt="" width={64} height={64} /> : null}
          <button type="button" disabled={busy || !sealId} onClick={() => setConfirming(true)}>{t('sealNow')}</button>
        </div>
      ) : null}
      <ConfirmDialog open={confirming} busy={busy} title={tConfirm('sealTitle')} confirmLabel={busy ? t('sealing') : tConfirm('confirmSeal')} cancelLabel={tConfirm('cancel')} onCancel={() => setConfirming(false)} onConfirm={() => void seal()}>
        <p style={{ margin: 0 }}>{tConfirm('sealNote')}</p>
        <NextStepSummary preview={preview} extra={[[tConfirm('seal'), options?.seals.find((s) => s.id === sealId)?.name ?? '']]} />
      </ConfirmDialog>
      {options?.renditions.length ? <p className="small" style={{ margin: 0 }}><a href={`${base}/pdf`} download>{t('downloadSealed')}</a></p> : null}
    </section>
  )
}
