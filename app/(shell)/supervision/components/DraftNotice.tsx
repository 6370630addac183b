'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/**
 * 起草督办通知: for one item (`itemIds`), or for the items ticked in the list's form (`formId`, boxes named
 * `itemIds`). Opens the drafted document, which then takes the documents' route, number and layout.
 */
export function DraftNotice({ itemIds, formId, documentId }: { itemIds?: string[]; formId?: string; documentId?: string | null }) {
  const t = useTranslations('supervision')
  const router = useRouter()
  const [error, setError] = useState<ApiError | string | null>(null)
  const [busy, setBusy] = useState(false)
  async function draft() {
    if (documentId) return router.push(`/documents/${documentId}`)
    const form = formId ? document.getElementById(formId) : null
    const ids = itemIds ?? (form instanceof HTMLFormElement ? new FormData(form).getAll('itemIds').map(String) : [])
    if (!ids.length) return setError(t('noticeChooseItems'))
    setBusy(true)
    const result = await api<{ documentId: string }>('/api/supervision/notices', { json: { itemIds: ids } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.push(`/documents/${result.data.documentId}`)
  }
  return (
    <span className="stack">
      <ErrorAlert error={error} />
      <span>
        <button type="button" className="secondary" disabled={busy} onClick={() => void draft()} data-testid="draft-notice">
          {documentId ? t('openNotice') : formId ? t('draftNoticeSelected') : t('draftNotice')}
        </button>
      </span>
    </span>
  )
}
