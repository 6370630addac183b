import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { clock, datesFrom, shanghaiDate, shanghaiTime } from '@/server/core/clock.ts'
import { feedStatus, myCalendar, type CalendarItem } from '@/server/personal/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { PersonalTabs } from '../PersonalTabs.tsx'
import { EntryForm } from './EntryForm.tsx'
import { FeedPanel } from './FeedPanel.tsx'
import { parseDate, parseView, rangeOf, views, type View } from './view.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('personal'))('calendar') }
}

const sourceClass: Record<CalendarItem['source'], string> = { own: '', meeting: 'green', duty: 'amber', document: 'gray', supervision: 'red', leave: 'gray' }

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('personal')
  const format = await getFormatter()
  const params = await searchParams
  const today = shanghaiDate(clock.now())
  const view = parseView(params.view)
  const date = parseDate(params.date, today)
  const range = rangeOf(view, date)
  const [items, feed] = await Promise.all([myCalendar(db(), actor, range), feedStatus(db(), actor)])
  const byDate = new Map<string, CalendarItem[]>()
  for (const item of items) {
    for (const d of datesFrom(item.date < range.from ? range.from : item.date, item.endDate > range.to ? range.to : item.endDate)) {
      byDate.set(d, [...(byDate.get(d) ?? []), item])
    }
  }
  const href = (v: View, d: string) => `/personal/calendar?view=${v}&date=${d}`
  const dayLabel = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { month: 'numeric', day: 'numeric', weekday: 'short', timeZone: 'UTC' })
  const when = (i: CalendarItem) => (i.isAllDay ? t('allDay') : `${shanghaiTime(i.startsAt)}–${shanghaiTime(i.endsAt)}`)
  const itemLink = (i: CalendarItem, compact = false) => (
    <Link href={i.url} className="cal-item" data-source={i.source}>
      <span className={`badge ${sourceClass[i.source]}`}>{t(`sources.${i.source}`)}</span>{' '}
      {compact ? null : <span className="small muted">{when(i)} </span>}
      <span>{i.title}</span>
      {!compact && i.location ? <span className="small muted"> · {i.location}</span> : null}
    </Link>
  )
  const dayList = (dates: string[]) => (
    <ul className="inbox-list">
      {dates.filter((d) => view !== 'agenda' || byDate.has(d)).map((d) => (
        <li key={d} className="cal-day" aria-current={d === today ? 'date' : undefined}>
          <div className="small" style={{ fontWeight: 600 }}>{dayLabel(d)}{d === today ? ` · ${t('today')}` : ''}</div>
          {(byDate.get(d) ?? []).length === 0 ? <div className="small muted">—</div> : (
            <ul className="cal-entries">{byDate.get(d)!.map((i) => <li key={`${i.uid}-${d}`}>{itemLink(i)}</li>)}</ul>
          )}
        </li>
      ))}
    </ul>
  )
  const dates = datesFrom(range.from, range.to)
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('calendar')}</h1>
      <PersonalTabs current="calendar" actor={actor} />
      <div className="spread">
        <nav className="row" aria-label={t('calendar')}>
          {views.map((v) => <Link key={v} className={`button ${v === view ? '' : 'secondary'}`} aria-current={v === view ? 'page' : undefined} href={href(v, date)}>{t(`views.${v}`)}</Link>)}
        </nav>
        <div className="row">
          <Link className="button secondary" href={href(view, range.prev)} aria-label={t('prev')}>‹</Link>
          <Link className="button secondary" href={href(view, today)}>{t('today')}</Link>
          <Link className="button secondary" href={href(view, range.next)} aria-label={t('next')}>›</Link>
        </div>
      </div>
      <section className="card stack" aria-label={t('calendar')}>
        <div className="small muted">{range.from} – {range.to}</div>
        {items.length === 0 ? <p className="muted">{t('nothing')}</p> : null}
        {view === 'month' ? (
          <>
            <div className="cal-month" role="grid">
              {(t.raw('weekdays') as string[]).map((w) => <div key={w} className="cal-head small muted" role="columnheader">{w}</div>)}
              {dates.map((d) => (
                <div key={d} role="gridcell" className={`cal-cell${d.slice(0, 7) === range.month ? '' : ' other'}${d === today ? ' today' : ''}`}>
                  <Link className="small" href={href('day', d)}>{Number(d.slice(8))}</Link>
                  {(byDate.get(d) ?? []).slice(0, 4).map((i) => <div key={`${i.uid}-${d}`}>{itemLink(i, true)}</div>)}
                  {(byDate.get(d)?.length ?? 0) > 4 ? <Link className="small muted" href={href('day', d)}>+{byDate.get(d)!.length - 4}</Link> : null}
                </div>
              ))}
            </div>
            {/* On a phone the grid is too narrow to read: the month's days with entries as a list instead. */}
            <div className="cal-phone-only">{dayList(dates.filter((d) => byDate.has(d)))}</div>
          </>
        ) : dayList(dates)}
      </section>
      <section className="card stack" aria-labelledby="new-entry">
        <h2 id="new-entry" style={{ margin: 0 }}>{t('newEntry')}</h2>
        <EntryForm date={date} />
      </section>
      <section className="card stack" aria-labelledby="feed">
        <h2 id="feed" style={{ margin: 0 }}>{t('feed')}</h2>
        <p className="small muted" style={{ margin: 0 }}>{t('feedHelp')}</p>
        <FeedPanel madeAt={feed ? format.dateTime(feed.createdAt, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' }) : null} />
      </section>
    </div>
  )
}
