'use client'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { api } from '../../lib/client-api.ts'

/**
 * 讨论: opens the thread of a document, meeting or supervision item (made on first use); its members
 * are whoever may see the object.
 */
export function ThreadButton({ object, id }: { object: 'documents' | 'meetings' | 'supervision'; id: string }) {
  const t = useTranslations('messaging')
  const router = useRouter()
  return (
    <button type="button" className="secondary" data-testid="object-thread" onClick={async () => {
      const result = await api<{ id: string }>(`/api/messaging/threads/${object}/${id}`, { method: 'POST' })
      if (result.ok) router.push(`/messages/${result.data.id}`)
    }}>{t('discuss')}</button>
  )
}
