'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

type Day = { date: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }

/** One day a line, as the notice reads: "2027-02-06 班 春节" (休 off, 班 worked). */
function parseDays(text: string): { days: Day[] } | { line: number; text: string } {
  const days: Day[] = []
  const lines = text.split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const m = /^(\d{4}-\d{2}-\d{2})\s+(休|班|off|work(?:ed)?)\s+(.+)$/i.exec(line)
    if (!m) return { line: i + 1, text: line }
    days.push({ date: m[1]!, kind: /^(休|off)$/i.test(m[2]!) ? 'HOLIDAY' : 'WORKDAY', name: m[3]!.trim() })
  }
  return { days }
}

export function CalendarYearForm({ year, initialText, initialNotice }: { year: number; initialText: string; initialNotice: string }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [text, setText] = useState(initialText)
  const [notice, setNotice] = useState(initialNotice)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      setError(null)
      setDone(null)
      const parsed = parseDays(text)
      if (!('days' in parsed)) return setError(t('badLine', { line: parsed.line, text: parsed.text }))
      setBusy(true)
      const result = await api<{ days: number }>(`/api/duty/calendar/${year}`, { method: 'PUT', json: { notice, days: parsed.days } })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      setDone(t('yearSaved', { year, count: result.data.days }))
      router.refresh()
    }}>
      <ErrorAlert error={error} />
      {done ? <div className="alert" role="status">{done}</div> : null}
      <label>{t('notice')}<input value={notice} onChange={(e) => setNotice(e.target.value)} maxLength={200} /></label>
      <label>{t('daysText')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={16} placeholder={t('daysExample')} style={{ fontFamily: 'monospace' }} />
      </label>
      <span className="small muted">{t('daysExample')}</span>
      <div><button type="submit" disabled={busy}>{t('saveYear')}</button></div>
    </form>
  )
}
