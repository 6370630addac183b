'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'

/** While drafting: invite co-drafters (提交 is the action area's: SubmitPanel). */
export function DraftPanel({ documentId, mayManage, collaborators }: {
  documentId: string; mayManage: boolean; collaborators: { id: string; name: string }[]
}) {
  const t = useTranslations('documents')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [people, setPeople] = useState<PickedPerson[]>(collaborators)

  async function call(path: string, method: string, json: Record<string, unknown>) {
    setError(null)
    const result = await api(path, { method, json })
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
    </section>
  )
}
