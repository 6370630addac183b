'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

const repeats = { NONE: '', DAILY: 'FREQ=DAILY', WEEKDAYS: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', WEEKLY: 'FREQ=WEEKLY', MONTHLY: 'FREQ=MONTHLY' } as const
type Repeat = keyof typeof repeats
const reminders = [null, 5, 15, 30, 60, 1440] as const

export type EntryValues = { id: string; revision: number; title: string; date: string; startTime: string; endDate: string; endTime: string; isAllDay: boolean; location: string; notes: string; recurrence: string; remindMinutes: number | null }

// Times are entered on a Beijing clock whatever the device's zone: the platform's calendar is Asia/Shanghai.
const instant = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString()
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** A new own calendar entry, or the edit of one (with its revision). */
export function EntryForm({ date, entry }: { date: string; entry?: EntryValues }) {
  const t = useTranslations('personal')
  const router = useRouter()
  const [isAllDay, setAllDay] = useState(entry?.isAllDay ?? false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const initialRepeat = (Object.entries(repeats).find(([, rule]) => rule === (entry?.recurrence ?? ''))?.[0] ?? 'NONE') as Repeat
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      const form = new FormData(e.currentTarget)
      const start = String(form.get('date'))
      const end = String(form.get('endDate') || start)
      const body = {
        title: form.get('title'), isAllDay, location: form.get('location'), notes: form.get('notes'),
        startsAt: isAllDay ? instant(start, '00:00') : instant(start, String(form.get('startTime'))),
        endsAt: isAllDay ? instant(nextDay(end), '00:00') : instant(end, String(form.get('endTime'))),
        recurrence: repeats[String(form.get('repeat')) as Repeat] ?? '',
        remindMinutes: form.get('remind') ? Number(form.get('remind')) : null,
        ...(entry ? { revision: entry.revision } : {}),
      }
      setBusy(true)
      setError(null)
      const result = await api(entry ? `/api/personal/entries/${entry.id}` : '/api/personal/entries', { method: entry ? 'PUT' : 'POST', json: body })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      if (entry) router.push(`/personal/calendar?view=day&date=${start}`)
      else {
        e.currentTarget?.reset()
        router.refresh()
      }
    }}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <label>{t('entryTitle')}<input name="title" required maxLength={200} defaultValue={entry?.title} /></label>
        <label className="row" style={{ alignSelf: 'end' }}><input type="checkbox" checked={isAllDay} onChange={(e) => setAllDay(e.target.checked)} /> {t('isAllDay')}</label>
        <label>{t('starts')}<input type="date" name="date" required defaultValue={entry?.date ?? date} /></label>
        {isAllDay ? null : <label>&nbsp;<input type="time" name="startTime" required defaultValue={entry?.startTime ?? '09:00'} aria-label={t('starts')} /></label>}
        <label>{t('ends')}<input type="date" name="endDate" defaultValue={entry?.endDate ?? date} /></label>
        {isAllDay ? null : <label>&nbsp;<input type="time" name="endTime" required defaultValue={entry?.endTime ?? '10:00'} aria-label={t('ends')} /></label>}
        <label>{t('location')}<input name="location" maxLength={200} defaultValue={entry?.location} /></label>
        <label>{t('repeat')}
          <select name="repeat" defaultValue={initialRepeat}>
            {(Object.keys(repeats) as Repeat[]).map((k) => <option key={k} value={k}>{t(`repeats.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('remind')}
          <select name="remind" defaultValue={entry?.remindMinutes ?? ''}>
            {reminders.map((m) => <option key={m ?? 'none'} value={m ?? ''}>{m === null ? t('remindNone') : t('remindBefore', { minutes: m })}</option>)}
          </select>
        </label>
      </div>
      <label>{t('notes')}<textarea name="notes" rows={2} maxLength={2000} defaultValue={entry?.notes} /></label>
      <div className="row">
        <button type="submit" disabled={busy}>{entry ? t('save') : t('add')}</button>
        {entry ? <button type="button" className="secondary" disabled={busy} onClick={async () => {
          setBusy(true)
          const result = await api(`/api/personal/entries/${entry.id}`, { method: 'DELETE', json: { revision: entry.revision } })
          setBusy(false)
          if (!result.ok) return setError(result.error)
          router.push('/personal/calendar')
        }}>{t('delete')}</button> : null}
      </div>
    </form>
  )
}
