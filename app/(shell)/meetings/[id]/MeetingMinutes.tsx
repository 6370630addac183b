'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { CoEditor } from '../../../components/editor/CoEditor.tsx'

/** Start the minutes on the meeting page: the co-edited draft, prefilled from the meeting. */
export function StartMinutes({ meetingId }: { meetingId: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function start() {
    setBusy(true)
    const result = await api(`/api/meetings/${meetingId}/minutes`, { method: 'POST', json: {} })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      <div><button type="button" disabled={busy} onClick={() => void start()}>{t('minutesStart')}</button></div>
    </div>
  )
}

/**
 * The meeting's minutes in the co-editor, on the co-editing server as `meeting-minutes:<id>` with a
 * ticket from the meeting's own rule. `issued` turns it read-only: the editor takes a fresh ticket
 * (read) as soon as the page says so, rather than wait for the server's re-check.
 */
export function MinutesEditor({ meetingId, me, issued }: { meetingId: string; me: { id: string; name: string }; issued: boolean }) {
  const t = useTranslations('meetings')
  return <CoEditor documentId={`meeting-minutes:${meetingId}`} ticketUrl={`/api/meetings/${meetingId}/minutes`} revision={issued ? 1 : 0} me={me} label={t('minutesEditor')} />
}
