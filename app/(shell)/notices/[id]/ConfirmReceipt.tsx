'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** 确认收到: opening a notice is only 已读; the recipient confirms receipt with this button. */
export function ConfirmReceipt({ noticeId }: { noticeId: string }) {
  const t = useTranslations('notices')
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  return (
    <div className="alert stack" role="region" aria-label={t('confirm')}>
      <p style={{ margin: 0 }}>{t('confirmHelp')}</p>
      <ErrorAlert error={error} />
      <div>
        <button type="button" disabled={busy} onClick={async () => {
          setBusy(true)
          setError(null)
          const result = await api<{ confirmedAt: string }>(`/api/notices/${noticeId}/confirm`, { method: 'POST' })
          setBusy(false)
          if (!result.ok) return setError(result.error)
          router.refresh()
        }}>{busy ? t('confirming') : t('confirm')}</button>
      </div>
    </div>
  )
}
