'use client'
import { useTranslations } from 'next-intl'
import Link from 'next/link'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** On a meeting's decision: hand it to supervision in one action (会议议定 → 督办事项), or open its item. */
export function DecisionToSupervision({ decisionId, itemId: existing }: { decisionId: string; itemId: string | null }) {
  const t = useTranslations('supervision')
  const [itemId, setItemId] = useState(existing)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  if (itemId) return <Link href={`/supervision/${itemId}`} className="small" data-testid="decision-item">{t('decisionItem')}</Link>
  return (
    <>
      <ErrorAlert error={error} />
      <button type="button" className="secondary chip" disabled={busy} data-testid="decision-to-supervision" onClick={async () => {
        setBusy(true)
        const result = await api<{ id: string }>('/api/supervision/items/from-decision', { json: { decisionId } })
        setBusy(false)
        if (!result.ok) return setError(result.error)
        setItemId(result.data.id)
      }}>{t('decisionToSupervision')}</button>
    </>
  )
}
