'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api } from '../../../lib/client-api.ts'

export function RetryButton({ mailId }: { mailId: string }) {
  const t = useTranslations('mail')
  const router = useRouter()
  const [done, setDone] = useState(false)
  return done ? <p className="small" role="status">{t('retried')}</p> : (
    <button type="button" className="secondary" onClick={async () => {
      const result = await api(`/api/admin/mail/${mailId}/retry`, { method: 'POST' })
      if (result.ok) { setDone(true); router.refresh() }
    }}>{t('retry')}</button>
  )
}
