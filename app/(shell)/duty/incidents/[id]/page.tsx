import { getFormatter, getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { clock } from '@/server/core/clock.ts'
import { openIncident } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { DutyTabs } from '../../DutyTabs.tsx'
import { IncidentReportForm } from './IncidentReportForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('incidents') }
}

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const incident = await orNotFound(openIncident(db(), actor, id))
  const now = clock.now()
  const time = (d: Date) => format.dateTime(d, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })
  const deadline = (due: Date, doneAt: Date | null, label: string) => (
    <li>{label}{' '}{doneAt ? <span className="badge green">{t('done', { at: time(doneAt) })}</span> : due < now ? <span className="badge red">{t('overdue')}</span> : null}</li>
  )
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{incident.title}</h1>
      <DutyTabs actor={actor} current="incidents" />
      <section className="card stack">
        <div className="row" style={{ gap: 8 }}>
          <span className={incident.level <= 2 ? 'badge red' : 'badge amber'}>{t(`levels.${incident.level}` as 'levels.1')}</span>
          {incident.finalAt ? <span className="badge gray">{t('closed')}</span> : null}
          <span className="small muted">{incident.unit.name} · {incident.reporter.name} {incident.reporter.phone ? <a href={`tel:${incident.reporter.phone}`}>{incident.reporter.phone}</a> : null}</span>
        </div>
        <dl className="meta-grid">
          <dt>{t('occurredAt')}</dt><dd>{time(incident.occurredAt)}</dd>
          <dt>{t('place')}</dt><dd>{incident.place}</dd>
          <dt>{t('incidentKind')}</dt><dd>{incident.kind}</dd>
          <dt>{t('casualties')}</dt><dd>{incident.casualties}</dd>
          <dt>{t('measures')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{incident.measures}</dd>
        </dl>
        <h2 style={{ margin: 0 }}>{t('deadlines')}</h2>
        <ul style={{ margin: 0 }} data-testid="deadlines">
          {deadline(incident.phoneDue, incident.phoneAt, t('phoneDue', { at: time(incident.phoneDue) }))}
          {deadline(incident.writtenDue, incident.writtenAt, t('writtenDue', { at: time(incident.writtenDue) }))}
        </ul>
        {incident.mayReport ? <IncidentReportForm incidentId={incident.id} revision={incident.revision} hasPhone={!!incident.phoneAt} hasWritten={!!incident.writtenAt} /> : null}
      </section>
      {incident.reports.length ? (
        <section className="card stack">
          <h2 style={{ margin: 0 }}>{t('reports')}</h2>
          {incident.reports.map((r) => <div key={r.id}><strong>{t(`reportKinds.${r.kind}`)}</strong> <span className="small muted">{time(r.at)} {r.author}</span>{r.text ? <p style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{r.text}</p> : null}</div>)}
        </section>
      ) : null}
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('receipts')}</h2>
        {incident.receipts.length ? <p style={{ margin: 0 }} data-testid="receipts">{incident.receipts.map((r) => `${r.name}（${time(r.readAt)}）`).join('、')}</p> : <p className="muted" style={{ margin: 0 }} data-testid="receipts">{t('noReceipts')}</p>}
      </section>
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('timeline')}</h2>
        <ul className="timeline" data-testid="incident-timeline">
          {incident.events.map((e) => <li key={e.id}><span className="small muted">{time(e.at)}</span> {e.text}</li>)}
        </ul>
      </section>
    </div>
  )
}
