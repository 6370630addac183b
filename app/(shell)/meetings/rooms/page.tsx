import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { clock, days, formatShanghai, fromShanghai, shanghaiDate, shanghaiTime, shanghaiWeekStart } from '@/server/core/clock.ts'
import { cleanSearch } from '@/server/core/text.ts'
import { freeBusy, listPendingBookings, listRooms, meetingPolicy, organisableUnits } from '@/server/meetings/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { BookingForm, DecideBooking, RoomForm } from './RoomForms.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('roomsTitle') }
}

const DAY_FROM = 7
const DAY_TO = 22

export default async function RoomsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('meetings')
  const query = await searchParams
  const range = query.range === 'week' ? 'week' : 'day'
  const askedDate = cleanSearch(typeof query.date === 'string' ? query.date : '')
  const asked = /^\d{4}-\d{2}-\d{2}$/.test(askedDate) ? askedDate : shanghaiDate(clock.now())
  const date = range === 'week' ? shanghaiDate(shanghaiWeekStart(fromShanghai(asked))) : asked
  const view = await freeBusy(db(), actor, { date, range })
  const step = days(range === 'week' ? 7 : 1)
  const prev = shanghaiDate(new Date(view.from.getTime() - step))
  const next = shanghaiDate(new Date(view.from.getTime() + step))
  const organises = meetingPolicy.mayOrganise(actor)
  const units = organises ? await organisableUnits(db(), actor) : []
  const managed = new Set(organises ? (await listRooms(db(), actor)).filter((r) => r.isManaged).map((r) => r.id) : [])
  const pending = organises ? await listPendingBookings(db(), actor) : []
  const weekDays = Array.from({ length: 7 }, (_, i) => shanghaiDate(new Date(view.from.getTime() + days(i))))
  const span = (DAY_TO - DAY_FROM) * 60

  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('roomsTitle')}</h1>
        <Link href="/meetings" className="button secondary">{t('title')}</Link>
      </div>
      <section className="card stack">
        <div className="spread">
          <h2 style={{ margin: 0 }}>{t('freeBusy')} · {range === 'week' ? `${weekDays[0]} – ${weekDays[6]}` : date}</h2>
          <div className="row">
            <Link className="button secondary" href={`/meetings/rooms?date=${prev}&range=${range}`}>{range === 'week' ? t('previousWeek') : t('previous')}</Link>
            <Link className="button secondary" href={`/meetings/rooms?range=${range}`}>{t('today')}</Link>
            <Link className="button secondary" href={`/meetings/rooms?date=${next}&range=${range}`}>{range === 'week' ? t('nextWeek') : t('next')}</Link>
            <Link className="button secondary" aria-current={range === 'day' ? 'page' : undefined} href={`/meetings/rooms?date=${date}&range=day`}>{t('day')}</Link>
            <Link className="button secondary" aria-current={range === 'week' ? 'page' : undefined} href={`/meetings/rooms?date=${date}&range=week`}>{t('week')}</Link>
          </div>
        </div>
        {view.rooms.length === 0 ? <p className="muted">{t('noRooms')}</p> : range === 'day' ? (
          <ul className="fb-day" aria-label={t('freeBusy')}>
            {view.rooms.map((room) => (
              <li key={room.id} className="fb-room">
                <div className="fb-name">
                  <strong>{room.name}</strong>
                  <span className="small muted">{t('capacity', { count: room.capacity })}{room.needsApproval ? ` · ${t('needsApproval')}` : ''}</span>
                  {managed.has(room.id) ? <Link className="small" href={`/meetings/rooms/${room.id}/display`}>{t('openDisplay')}</Link> : null}
                </div>
                <div className="fb-track" role="list">
                  {view.busy.filter((b) => b.roomId === room.id).map((b) => {
                    const start = Math.max(0, (b.startsAt.getTime() - view.from.getTime()) / 60_000 - DAY_FROM * 60)
                    const end = Math.min(span, (b.endsAt.getTime() - view.from.getTime()) / 60_000 - DAY_FROM * 60)
                    const label = `${shanghaiTime(b.startsAt)}–${shanghaiTime(b.endsAt)} ${b.title ?? t('busy')}${b.status === 'PENDING' ? ` (${t('pending')})` : ''}`
                    return (
                      <span key={b.id} role="listitem" className={`fb-block${b.status === 'PENDING' ? ' fb-pending' : ''}`} title={label}
                        style={{ left: `${(100 * start) / span}%`, width: `${Math.max(1.5, (100 * (end - start)) / span)}%` }}>
                        <span className="visually-hidden">{label}</span>
                        <span aria-hidden="true">{b.title ?? t('busy')}</span>
                      </span>
                    )
                  })}
                </div>
                <div className="fb-list small">
                  {view.busy.filter((b) => b.roomId === room.id).map((b) => (
                    <span key={b.id}>{shanghaiTime(b.startsAt)}–{shanghaiTime(b.endsAt)} {b.title ?? t('busy')}{b.status === 'PENDING' ? ` · ${t('pending')}` : ''}</span>
                  ))}
                </div>
              </li>
            ))}
            <li className="fb-room fb-scale small muted" aria-hidden="true">
              <div className="fb-name" />
              <div className="fb-track fb-hours">{Array.from({ length: DAY_TO - DAY_FROM + 1 }, (_, i) => <span key={i} style={{ left: `${(100 * i) / (DAY_TO - DAY_FROM)}%` }}>{DAY_FROM + i}</span>)}</div>
            </li>
          </ul>
        ) : (
          <div className="table-wrap">
            <table className="fb-week">
              <thead><tr><th>{t('room')}</th>{weekDays.map((d) => <th key={d}><Link href={`/meetings/rooms?date=${d}`}>{d.slice(5)}</Link></th>)}</tr></thead>
              <tbody>
                {view.rooms.map((room) => (
                  <tr key={room.id}>
                    <th scope="row">{room.name}</th>
                    {weekDays.map((d) => {
                      const blocks = view.busy.filter((b) => b.roomId === room.id && shanghaiDate(b.startsAt) === d)
                      return <td key={d}>{blocks.length ? blocks.map((b) => <div key={b.id} className={`small fb-cell${b.status === 'PENDING' ? ' fb-pending' : ''}`}>{shanghaiTime(b.startsAt)} {b.title ?? t('busy')}</div>) : <span className="small muted">{t('free')}</span>}</td>
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {organises && view.rooms.length ? (
        <section className="card stack">
          <h2 style={{ margin: 0 }}>{t('bookTitle')}</h2>
          <BookingForm rooms={view.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity }))} date={range === 'day' ? date : shanghaiDate(clock.now())} />
        </section>
      ) : null}
      {pending.length ? (
        <section className="card stack">
          <h2 style={{ margin: 0 }}>{t('approvals')}</h2>
          <ul className="inbox-list">
            {pending.map((b) => (
              <li key={b.id} className="spread" style={{ padding: '8px 0' }}>
                <span>{b.room.name} · {formatShanghai(b.startsAt)}–{shanghaiTime(b.endsAt)} · {b.title} <span className="small muted">{b.unitName}</span></span>
                <DecideBooking bookingId={b.id} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {units.length ? (
        <section className="card stack">
          <h2 style={{ margin: 0 }}>{t('addRoom')}</h2>
          <RoomForm units={units.map((u) => ({ id: u.id, name: u.name, depth: u.depth }))} />
        </section>
      ) : null}
    </div>
  )
}
