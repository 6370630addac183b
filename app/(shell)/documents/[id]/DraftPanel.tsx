'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'

/** While drafting: invite co-drafters and submit the draft onto its workflow. */
export function DraftPanel({ documentId, revision, mayManage, collaborators, firstStep }: {
  documentId: string; revision: number; mayManage: boolean; collaborators: { id: string; name: string }[]; firstStep: { name: string } | null
}) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [people, setPeople] = useState<PickedPerson[]>(collaborators)

  async function call(path: string, method: string, json: Record<string, unknown>) {
    setBusy(true)
    setError(null)
    const result = await api(path, { method, json })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.refresh()
  }

  if (!mayManage) return null
  return (
    <section className="card stack" aria-label={t('fields.collaborators')}>
      <ErrorAlert error={error} />
      <div className="stack" style={{ gap: 6 }}>
        <strong>{t('fields.collaborators')}</strong>
        <span className="small muted">{t('collaboratorsHint')}</span>
        <PeoplePicker value={people} onChange={(next) => { setPeople(next); void call(`/api/documents/${documentId}`, 'PATCH', { collaboratorIds: next.map((p) => p.id) }) }} label={t('fields.collaborators')} placeholder={t('searchPeople')} removeLabel={t('remove')} />
      </div>
      <div className="row">
        <button type="button" disabled={busy} data-testid="submit-draft" onClick={() => void call(`/api/documents/${documentId}/submit`, 'POST', { revision })}>{t('submit')}{firstStep ? ` → ${firstStep.name}` : ''}</button>
      </div>
    </section>
  )
}
