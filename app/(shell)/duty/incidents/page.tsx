import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { listIncidents } from '@/server/duty/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { DutyTabs } from '../DutyTabs.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('incidents') }
}

export default async function IncidentsPage() {
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const incidents = await listIncidents(db(), actor)
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        <Link className="button" href="/duty/incidents/new">{t('newIncident')}</Link>
      </div>
      <DutyTabs actor={actor} current="incidents" />
      <section className="card">
        {incidents.length === 0 ? <p className="muted">{t('noIncidents')}</p> : (
          <ul className="inbox-list">
            {incidents.map((i) => (
              <li key={i.id}>
                <Link href={`/duty/incidents/${i.id}`} className="inbox-row">
                  <span className="inbox-main">
                    <span className="inbox-title">{i.title}</span>
                    <span className="small muted">{i.unit.name} · {format.dateTime(i.occurredAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })}</span>
                  </span>
                  <span className="inbox-side row" style={{ gap: 6 }}>
                    <span className={i.level <= 2 ? 'badge red' : 'badge amber'}>{t(`levels.${i.level}` as 'levels.1')}</span>
                    {i.finalAt ? <span className="badge gray">{t('closed')}</span> : null}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
