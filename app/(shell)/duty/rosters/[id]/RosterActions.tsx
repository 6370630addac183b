'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

export function RosterActions({ rosterId, revision, status, isFiled, mayManage }: { rosterId: string; revision: number; status: 'DRAFT' | 'PUBLISHED'; isFiled: boolean; mayManage: boolean }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  async function run(action: 'generate' | 'publish' | 'file') {
    setBusy(true)
    setError(null)
    setDone(null)
    const result = await api<{ notified?: number; filedWith?: number }>(`/api/duty/rosters/${rosterId}/${action}`, { json: { revision } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setDone(action === 'publish' ? t('published', { count: result.data.notified ?? 0 }) : action === 'file' ? t('filedDone', { count: result.data.filedWith ?? 0 }) : t('regenerated'))
    router.refresh()
  }
  return (
    <div className="stack duty-actions">
      <ErrorAlert error={error} />
      {done ? <div className="alert" role="status">{done}</div> : null}
      <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
        {mayManage && status === 'DRAFT' ? <button type="button" className="secondary" disabled={busy} onClick={() => void run('generate')}>{t('regenerate')}</button> : null}
        {mayManage && status === 'DRAFT' ? <button type="button" disabled={busy} onClick={() => void run('publish')}>{t('publish')}</button> : null}
        {mayManage && status === 'PUBLISHED' && !isFiled ? <button type="button" disabled={busy} onClick={() => void run('file')}>{t('file')}</button> : null}
        <a className="button secondary" href={`/api/duty/rosters/${rosterId}/excel`}>{t('exportExcel')}</a>
        <button type="button" className="secondary" onClick={() => window.print()}>{t('print')}</button>
      </div>
    </div>
  )
}
