'use client'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { api } from '../../lib/client-api.ts'

/** 发消息: opens (or makes) the one-to-one conversation with this person. */
export function MessagePersonButton({ personId }: { personId: string }) {
  const t = useTranslations('messaging')
  const router = useRouter()
  return (
    <button type="button" data-testid="message-person" onClick={async () => {
      const result = await api<{ id: string }>('/api/messaging/direct', { json: { personId } })
      if (result.ok) router.push(`/messages/${result.data.id}`)
    }}>{t('messagePerson')}</button>
  )
}
