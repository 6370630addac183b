'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** Beijing wall time from a date and a time field, as an instant the API takes. */
export const beijing = (date: FormDataEntryValue | null, time: FormDataEntryValue | null) => `${date}T${time}:00+08:00`

export function BookingForm({ rooms, date }: { rooms: { id: string; name: string; capacity: number }[]; date: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  async function submit(form: FormData) {
    setDone(null)
    const result = await api<{ status: string }>('/api/meetings/bookings', {
      json: { roomId: form.get('roomId'), title: form.get('title'), startsAt: beijing(form.get('date'), form.get('start')), endsAt: beijing(form.get('date'), form.get('end')) },
    })
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(result.data.status === 'PENDING' ? t('bookedPending') : t('booked'))
    router.refresh()
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      {done ? <p role="status" className="alert">{done}</p> : null}
      <div className="form-grid">
        <label>{t('room')}
          <select name="roomId">{rooms.map((r) => <option key={r.id} value={r.id}>{r.name}（{t('capacity', { count: r.capacity })}）</option>)}</select>
        </label>
        <label>{t('bookingTitle')}<input name="title" required maxLength={100} /></label>
        <label>{t('date')}<input name="date" type="date" required defaultValue={date} /></label>
        <label>{t('start')}<input name="start" type="time" required defaultValue="09:00" /></label>
        <label>{t('end')}<input name="end" type="time" required defaultValue="10:00" /></label>
      </div>
      <div><button type="submit">{t('book')}</button></div>
    </form>
  )
}

export function DecideBooking({ bookingId }: { bookingId: string }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function decide(approve: boolean) {
    const reason = approve ? undefined : (window.prompt(t('rejectReason')) ?? undefined)
    const result = await api(`/api/meetings/bookings/${bookingId}/decision`, { json: { approve, reason } })
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  return (
    <span className="row">
      <ErrorAlert error={error} />
      <button type="button" onClick={() => void decide(true)}>{t('approve')}</button>
      <button type="button" className="secondary" onClick={() => void decide(false)}>{t('reject')}</button>
    </span>
  )
}

export function RoomForm({ units }: { units: { id: string; name: string; depth: number }[] }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function submit(form: FormData) {
    const result = await api('/api/meetings/rooms', {
      json: {
        unitId: form.get('unitId'), name: form.get('name'), location: form.get('location'), capacity: Number(form.get('capacity')),
        equipment: String(form.get('equipment') ?? '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean), needsApproval: form.get('needsApproval') === 'on',
      },
    })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <label>{t('roomUnit')}<select name="unitId">{units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(Math.max(0, u.depth - units[0]!.depth))}{u.name}</option>)}</select></label>
        <label>{t('roomName')}<input name="name" required maxLength={60} /></label>
        <label>{t('roomLocation')}<input name="location" maxLength={120} /></label>
        <label>{t('roomCapacity')}<input name="capacity" type="number" min={1} max={5000} required defaultValue={20} /></label>
        <label>{t('roomEquipment')}<input name="equipment" maxLength={200} /></label>
        <label className="check"><input type="checkbox" name="needsApproval" /><span>{t('roomNeedsApproval')}</span></label>
      </div>
      <div><button type="submit">{t('save')}</button></div>
    </form>
  )
}
