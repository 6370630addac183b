'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx'
import { NextStepSummary, useNextStep } from './NextStep.tsx'

/** The drafter's action on a draft: 提交, after saying where it goes and to whom. */
export function SubmitPanel({ documentId, revision, firstStep }: { documentId: string; revision: number; firstStep: { name: string } | null }) {
  const t = useTranslations('documents')
  const tConfirm = useTranslations('documents.confirm')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState(false)
  const { preview } = useNextStep(documentId, revision, {}, open)

  async function submit() {
    setBusy(true)
    setError(null)
    const result = await api(`/api/documents/${documentId}/submit`, { json: { revision } })
    setBusy(false)
    setOpen(false)
    if (!result.ok) return setError(result.error)
    router.refresh()
  }

  return (
    <section className="card stack action-panel" aria-label={t('actions')}>
      <h2 style={{ margin: 0 }}>{t('actions')} · {t('submit')}</h2>
      <ErrorAlert error={error} />
      <div className="row">
        <button type="button" disabled={busy} data-testid="submit-draft" onClick={() => setOpen(true)}>{t('submit')}{firstStep ? ` → ${firstStep.name}` : ''}</button>
      </div>
      <ConfirmDialog open={open} busy={busy} title={tConfirm('submitTitle')} confirmLabel={tConfirm('confirmSubmit')} cancelLabel={tConfirm('cancel')} onCancel={() => setOpen(false)} onConfirm={() => void submit()}>
        <p style={{ margin: 0 }}>{tConfirm('submitLead')}</p>
        <NextStepSummary preview={preview} />
      </ConfirmDialog>
    </section>
  )
}
