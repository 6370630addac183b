import { getFormatter, getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { clock, shanghaiDate } from '@/server/core/clock.ts'
import { dutyPolicy, listUnavailability, managedUnitsAndPeople } from '@/server/duty/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { DutyTabs } from '../DutyTabs.tsx'
import { UnavailabilityForm, WithdrawButton } from './UnavailabilityForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('unavailability') }
}

export default async function UnavailabilityPage() {
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const now = clock.now()
  const [rows, managed] = await Promise.all([
    listUnavailability(db(), actor, now),
    dutyPolicy.mayManageAnywhere(actor) ? managedUnitsAndPeople(db(), actor) : Promise.resolve({ people: [] }),
  ])
  const date = (d: Date) => format.dateTime(d, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' })
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('title')}</h1>
      <DutyTabs actor={actor} current="unavailability" />
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('unavailability')}</h2>
        <p className="small muted" style={{ margin: 0 }}>{t('unavailabilityHelp')}</p>
        <UnavailabilityForm me={{ id: actor.personId, name: actor.name }} people={managed.people.filter((p) => p.id !== actor.personId)} today={shanghaiDate(now)} />
      </section>
      <section className="card">
        {rows.length === 0 ? <p className="muted">{t('noUnavailability')}</p> : (
          <ul className="inbox-list">
            {rows.map((r) => (
              <li key={r.id} className="inbox-row" style={{ cursor: 'default' }}>
                <span className="inbox-main">
                  <span className="inbox-title">{r.name} · {t(`reasonsUnavailable.${r.reason}`)}</span>
                  <span className="small muted">{date(r.startsAt)} – {date(new Date(r.endsAt.getTime() - 1))}{r.note ? ` · ${r.note}` : ''}</span>
                </span>
                {r.source === 'duty' ? <span className="inbox-side"><WithdrawButton id={r.id} /></span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
