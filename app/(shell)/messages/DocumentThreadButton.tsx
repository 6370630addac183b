'use client'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { api } from '../../lib/client-api.ts'

/** 讨论: opens the document's thread (made on first use); its members are whoever may see the document. */
export function DocumentThreadButton({ documentId }: { documentId: string }) {
  const t = useTranslations('messaging')
  const router = useRouter()
  return (
    <button type="button" className="secondary" data-testid="document-thread" onClick={async () => {
      const result = await api<{ id: string }>(`/api/messaging/documents/${documentId}/thread`, { method: 'POST' })
      if (result.ok) router.push(`/messages/${result.data.id}`)
    }}>{t('discuss')}</button>
  )
}
