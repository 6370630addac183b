'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Verdict = { isIntact: true; checked: number } | { isIntact: false; checked: number; brokenAt: { id: string; occurredAt: string; action: string; reason: string } }

export function VerifyChainButton() {
  const t = useTranslations('admin')
  const [busy, setBusy] = useState(false)
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  return (
    <div className="stack">
      <div>
        <button type="button" disabled={busy} onClick={async () => {
          setBusy(true)
          const result = await api<{ verdict: Verdict }>('/api/admin/audit/verify', { method: 'POST' })
          setBusy(false)
          if (!result.ok) return setError(result.error)
          setError(null)
          setVerdict(result.data.verdict)
        }}>{busy ? t('verifying') : t('verify')}</button>
      </div>
      <ErrorAlert error={error} />
      {verdict?.isIntact ? <p className="verdict-ok" role="status">✓ {t('chainIntact', { count: verdict.checked })}</p> : null}
      {verdict && !verdict.isIntact ? (
        <p className="verdict-bad" role="alert">✗ {t('chainBroken', { id: verdict.brokenAt.id, action: verdict.brokenAt.action, checked: verdict.checked })}</p>
      ) : null}
    </div>
  )
}
