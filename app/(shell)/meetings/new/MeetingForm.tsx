'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../../components/PeoplePicker.tsx'
import { beijing } from '../rooms/RoomForms.tsx'

type Room = { id: string; name: string; capacity: number; needsApproval: boolean }
type Unit = { id: string; name: string; depth: number }

export function MeetingForm({ rooms, units, date }: { rooms: Room[]; units: Unit[]; date: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [chair, setChair] = useState<PickedPerson[]>([])
  const [people, setPeople] = useState<PickedPerson[]>([])
  const [kind, setKind] = useState('BOTH')

  async function submit(form: FormData) {
    setBusy(true)
    const day = form.get('date')
    const weeks = Number(form.get('weeks') ?? 0)
    const result = await api<{ id: string }>('/api/meetings', {
      json: {
        title: form.get('title'), kind, chairId: chair[0]?.id, location: form.get('location') ?? '',
        startsAt: beijing(day, form.get('start')), endsAt: beijing(day, form.get('end')),
        roomId: form.get('roomId') || null,
        rsvpDeadline: form.get('deadlineDate') ? beijing(form.get('deadlineDate'), form.get('deadlineTime') || '17:00') : null,
        recurrence: weeks > 1 ? `FREQ=WEEKLY;COUNT=${weeks}` : null,
        personIds: people.map((p) => p.id),
        units: form.getAll('unitIds').map((unitId) => ({ unitId, quota: Number(form.get(`quota-${unitId}`) || 1) })),
        marking: form.get('marking'), allowVideo: form.get('allowVideo') === 'on', isBriefing: form.get('isBriefing') === 'on',
      },
    })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.push(`/meetings/${result.data.id}`)
  }

  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      <label>{t('meetingTitle')}<input name="title" required maxLength={100} /></label>
      <div className="form-grid">
        <label>{t('kind')}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {(['ROOM', 'VIDEO', 'BOTH'] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('date')}<input name="date" type="date" required defaultValue={date} /></label>
        <label>{t('start')}<input name="start" type="time" required defaultValue="09:30" /></label>
        <label>{t('end')}<input name="end" type="time" required defaultValue="11:00" /></label>
        {kind !== 'VIDEO' ? (
          <label>{t('room')}
            <select name="roomId" defaultValue="">
              <option value="">{t('noRoom')}</option>
              {rooms.map((r) => <option key={r.id} value={r.id}>{r.name}（{t('capacity', { count: r.capacity })}{r.needsApproval ? ` · ${t('needsApproval')}` : ''}）</option>)}
            </select>
          </label>
        ) : null}
        <label>{t('location')}<input name="location" maxLength={120} /></label>
        <label>{t('recurrence')}
          <select name="weeks" defaultValue="0">
            <option value="0">{t('recurrenceNone')}</option>
            {[4, 8, 12, 26].map((n) => <option key={n} value={n}>{t('recurrenceWeekly', { count: n })}</option>)}
          </select>
        </label>
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: 4 }}>
          <legend style={{ padding: 0 }}>{t('rsvpDeadline')}</legend>
          <span className="row" style={{ flexWrap: 'nowrap' }}>
            <input name="deadlineDate" type="date" aria-label={`${t('rsvpDeadline')} ${t('date')}`} style={{ minWidth: 0 }} />
            <input name="deadlineTime" type="time" defaultValue="17:00" aria-label={`${t('rsvpDeadline')} ${t('time')}`} style={{ minWidth: 0 }} />
          </span>
        </fieldset>
        <label>{t('marking')}
          <select name="marking" defaultValue="NONE">{(['NONE', 'INTERNAL'] as const).map((m) => <option key={m} value={m}>{t(`markings.${m}`)}</option>)}</select>
        </label>
      </div>
      {kind !== 'ROOM' ? (
        <div className="row">
          <label className="check"><input type="checkbox" name="allowVideo" defaultChecked /><span>{t('allowVideo')}</span></label>
          <label className="check"><input type="checkbox" name="isBriefing" /><span>{t('isBriefing')}</span></label>
        </div>
      ) : null}
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('chair')}</legend>
        <PeoplePicker value={chair} onChange={setChair} single label={t('chair')} placeholder={t('chairSearch')} removeLabel={t('remove')} />
      </fieldset>
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('invitees')}</legend>
        <PeoplePicker value={people} onChange={setPeople} label={t('invitees')} placeholder={t('inviteesSearch')} removeLabel={t('remove')} />
      </fieldset>
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('inviteUnits')}</legend>
        <div className="unit-checks">
          {units.map((u) => (
            <span key={u.id} className="row" style={{ paddingLeft: u.depth * 16, gap: 8 }}>
              <label className="check"><input type="checkbox" name="unitIds" value={u.id} /><span>{u.name}</span></label>
              <span className="small row" style={{ gap: 4, flexWrap: 'nowrap' }}>{t('quota')}<input name={`quota-${u.id}`} type="number" min={1} max={50} defaultValue={1} style={{ width: 64 }} aria-label={`${u.name} ${t('quota')}`} /></span>
            </span>
          ))}
        </div>
      </fieldset>
      <div><button type="submit" disabled={busy || !chair.length}>{busy ? t('creating') : t('create')}</button></div>
    </form>
  )
}
