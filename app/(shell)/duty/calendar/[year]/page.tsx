import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { calendarYear, dutyPolicy } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { NotFoundCard } from '../../../../components/NotFoundCard.tsx'
import { DutyTabs } from '../../DutyTabs.tsx'
import { CalendarYearForm } from './CalendarYearForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('calendar') }
}

export default async function CalendarYearPage({ params }: { params: Promise<{ year: string }> }) {
  const { year: raw } = await params
  const actor = await requireActor()
  if (!dutyPolicy.mayManageCalendar(actor)) return <Forbidden />
  const year = Number(raw)
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return <NotFoundCard />
  const t = await getTranslations('duty')
  const existing = await calendarYear(db(), year)
  const text = (existing?.days ?? []).map((d) => `${d.date} ${d.kind === 'HOLIDAY' ? '休' : '班'} ${d.name}`).join('\n')
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('calendar')} · {year}</h1>
      <DutyTabs actor={actor} current="calendar" />
      <section className="card stack">
        <p className="small muted" style={{ margin: 0 }}>{t('calendarHelp')}</p>
        <CalendarYearForm year={year} initialText={text} initialNotice={existing?.notice ?? ''} />
      </section>
    </div>
  )
}
