'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

export function SwapDecision({ swapId, revision, mayAnswer, mayDecide }: { swapId: string; revision: number; mayAnswer: boolean; mayDecide: boolean }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [conflicts, setConflicts] = useState<string[]>([])
  if (!mayAnswer && !mayDecide) return null
  async function send(path: 'answer' | 'decide', yes: boolean) {
    setBusy(true)
    setError(null)
    const result = await api<{ conflicts?: string[] }>(`/api/duty/swaps/${swapId}/${path}`, { json: path === 'answer' ? { accept: yes, revision } : { approve: yes, revision } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setConflicts(result.data.conflicts ?? [])
    router.refresh()
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {conflicts.length ? <div className="alert" role="status">{t('conflicts', { list: conflicts.map((c) => t(`reasons.${c}` as 'reasons.rest')).join('；') })}</div> : null}
      <div className="row" style={{ gap: 8 }}>
        {mayAnswer ? <><button type="button" disabled={busy} onClick={() => void send('answer', true)}>{t('accept')}</button><button type="button" className="secondary" disabled={busy} onClick={() => void send('answer', false)}>{t('decline')}</button></> : null}
        {mayDecide ? <><button type="button" disabled={busy} onClick={() => void send('decide', true)}>{t('approve')}</button><button type="button" className="secondary" disabled={busy} onClick={() => void send('decide', false)}>{t('reject')}</button></> : null}
      </div>
    </div>
  )
}
