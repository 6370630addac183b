'use client'
import { useTranslations } from 'next-intl'
import Link from 'next/link'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** On an incoming document's 批办 step: the leader's instruction becomes a supervision item in one action. */
export function ToSupervision({ documentId, itemId: existing }: { documentId: string; itemId: string | null }) {
  const t = useTranslations('supervision')
  const [instruction, setInstruction] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [itemId, setItemId] = useState(existing)
  if (itemId) return <p className="alert success" role="status" data-testid="to-supervision-done">{t('toSupervisionDone')} <Link href={`/supervision/${itemId}`}>{t('openItem')}</Link></p>
  return (
    <details className="card" data-testid="to-supervision">
      <summary className="button secondary">{t('toSupervision')}</summary>
      <div className="stack" style={{ marginTop: 8 }}>
        <h2 style={{ margin: 0 }}>{t('toSupervisionTitle')}</h2>
        <ErrorAlert error={error} />
        <label>{t('fields.instruction')}<textarea rows={3} value={instruction} onChange={(e) => setInstruction(e.target.value)} placeholder={t('instructionPlaceholder')} maxLength={2000} /></label>
        <div>
          <button type="button" disabled={!instruction.trim()} onClick={async () => {
            const result = await api<{ id: string }>('/api/supervision/items/from-instruction', { json: { documentId, instruction } })
            if (!result.ok) return setError(result.error)
            setItemId(result.data.id)
          }}>{t('toSupervision')}</button>
        </div>
      </div>
    </details>
  )
}
