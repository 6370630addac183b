'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

export function SignForButton({ distributionId, label }: { distributionId: string; label: string }) {
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      <div>
        <button type="button" disabled={busy} onClick={async () => {
          setBusy(true)
          const result = await api<{ incomingId: string }>(`/api/distributions/${distributionId}/sign-for`, { method: 'POST' })
          setBusy(false)
          if (!result.ok) return setError(result.error)
          router.push(`/documents/${result.data.incomingId}`)
        }}>{label}</button>
      </div>
    </div>
  )
}
