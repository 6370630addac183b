import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { clock, shanghaiDate, yearOf } from '@/server/core/clock.ts'
import { dutyPolicy, listCalendarYears } from '@/server/duty/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { DutyTabs } from '../DutyTabs.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('calendar') }
}

export default async function CalendarPage() {
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const years = await listCalendarYears(db())
  const mayEdit = dutyPolicy.mayManageCalendar(actor)
  const thisYear = yearOf(shanghaiDate(clock.now()))
  const missing = [thisYear, thisYear + 1].filter((y) => !years.some((x) => x.year === y))
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('title')}</h1>
      <DutyTabs actor={actor} current="calendar" />
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('calendar')}</h2>
        <p className="small muted" style={{ margin: 0 }}>{t('calendarHelp')}</p>
        {missing.map((y) => (
          <div key={y} className="alert" role="status">
            {t('noCalendar', { year: y })} {mayEdit ? <Link href={`/duty/calendar/${y}`}>{t('newYear')}</Link> : null}
          </div>
        ))}
        <div className="table-wrap">
          <table>
            <thead><tr><th>{t('year')}</th><th>{t('source')}</th><th>{t('notice')}</th><th>{t('days')}</th><th /></tr></thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td>
                  <td>{y.source === 'admin' ? `${t('sourceAdmin')} ${format.dateTime(y.updatedAt, { dateStyle: 'short', timeZone: 'Asia/Shanghai' })}` : y.source}</td>
                  <td>{y.notice ?? ''}</td>
                  <td>{y.days}</td>
                  <td>{mayEdit ? <Link href={`/duty/calendar/${y.year}`}>{t('editYear')}</Link> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
