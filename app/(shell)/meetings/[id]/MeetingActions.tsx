'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'
import { beijing } from '../rooms/RoomForms.tsx'

export function AnswerForm({ meetingId }: { meetingId: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [choice, setChoice] = useState<'ATTEND' | 'DECLINE' | 'SUBSTITUTE'>('ATTEND')
  const [substitute, setSubstitute] = useState<PickedPerson[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  async function submit(form: FormData) {
    const json = choice === 'ATTEND' ? { answer: choice } : choice === 'DECLINE' ? { answer: choice, reason: form.get('reason') } : { answer: choice, substituteId: substitute[0]?.id }
    const result = await api(`/api/meetings/${meetingId}/answer`, { json })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      <fieldset className="row" style={{ border: 0, padding: 0 }}>
        <legend className="visually-hidden">{t('yourAnswer')}</legend>
        {(['ATTEND', 'DECLINE', 'SUBSTITUTE'] as const).map((c) => (
          <label key={c} className="check"><input type="radio" name="answer" value={c} checked={choice === c} onChange={() => setChoice(c)} /><span>{t(c === 'ATTEND' ? 'attend' : c === 'DECLINE' ? 'decline' : 'substitute')}</span></label>
        ))}
      </fieldset>
      {choice === 'DECLINE' ? <label>{t('declineReason')}<input name="reason" required maxLength={200} /></label> : null}
      {choice === 'SUBSTITUTE' ? <PeoplePicker value={substitute} onChange={setSubstitute} single label={t('substitute')} placeholder={t('substituteSearch')} removeLabel={t('remove')} /> : null}
      <div><button type="submit" disabled={choice === 'SUBSTITUTE' && !substitute.length}>{t('send')}</button></div>
    </form>
  )
}

export function NameAttendees({ meetingId, unitId }: { meetingId: string; unitId: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [people, setPeople] = useState<PickedPerson[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  async function submit() {
    const result = await api(`/api/meetings/${meetingId}/units/${unitId}/attendees`, { json: { personIds: people.map((p) => p.id) } })
    if (!result.ok) return setError(result.error)
    setError(null)
    setPeople([])
    router.refresh()
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      <PeoplePicker value={people} onChange={setPeople} label={t('nameAttendees')} placeholder={t('nameSearch')} removeLabel={t('remove')} />
      <div><button type="submit" disabled={!people.length}>{t('nameAttendees')}</button></div>
    </form>
  )
}

export function MoveMeeting({ meetingId, revision, date, start, end }: { meetingId: string; revision: number; date: string; start: string; end: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  async function submit(form: FormData) {
    const result = await api<{ told: number }>(`/api/meetings/${meetingId}`, {
      method: 'PATCH', json: { revision, startsAt: beijing(form.get('date'), form.get('start')), endsAt: beijing(form.get('date'), form.get('end')) },
    })
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(t('changed', { count: result.data.told }))
    router.refresh()
  }
  return (
    <form className="stack" action={submit} aria-label={t('move')}>
      <ErrorAlert error={error} />
      {done ? <p role="status">{done}</p> : null}
      <div className="form-grid">
        <label>{t('date')}<input name="date" type="date" required defaultValue={date} /></label>
        <label>{t('start')}<input name="start" type="time" required defaultValue={start} /></label>
        <label>{t('end')}<input name="end" type="time" required defaultValue={end} /></label>
      </div>
      <div><button type="submit" className="secondary">{t('moveSave')}</button></div>
    </form>
  )
}

export function CancelMeeting({ meetingId, revision }: { meetingId: string; revision: number }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function cancel() {
    const reason = window.prompt(t('cancelReason'))
    if (reason === null) return
    const result = await api(`/api/meetings/${meetingId}/cancel`, { json: { revision, reason: reason || undefined } })
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      <div><button type="button" className="danger" onClick={() => void cancel()}>{t('cancelMeeting')}</button></div>
    </div>
  )
}
