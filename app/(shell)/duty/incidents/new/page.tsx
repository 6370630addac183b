import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { clock, shanghaiDate, shanghaiTime } from '@/server/core/clock.ts'
import { dutyDesk } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { IncidentForm } from './IncidentForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('newIncident') }
}

export default async function NewIncidentPage() {
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const now = clock.now()
  const desk = await dutyDesk(db(), actor, now)
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('newIncident')}</h1>
      {!desk ? <p className="muted">{t('notOnDuty')}</p> : (
        <section className="card stack">
          <p className="small muted" style={{ margin: 0 }}>{desk.seat.unit} · {desk.seat.post}</p>
          <IncidentForm now={`${shanghaiDate(now)}T${shanghaiTime(now)}`} />
        </section>
      )}
    </div>
  )
}
