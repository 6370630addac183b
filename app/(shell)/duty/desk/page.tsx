import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { clock, shanghaiTime } from '@/server/core/clock.ts'
import { dutyDesk } from '@/server/duty/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { DutyTabs } from '../DutyTabs.tsx'
import { AcknowledgeButton, HandoverForm, LogForm, SignOnButton } from './DeskForms.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('desk') }
}

/** 值班台: sign on, the duty log, the handover. */
export default async function DutyDeskPage() {
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const desk = await dutyDesk(db(), actor, clock.now())
  const time = (d: Date) => format.dateTime(d, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('desk')}</h1>
      <DutyTabs actor={actor} current="board" />
      {!desk ? <p className="muted">{t('notOnDuty')}</p> : (
        <>
          <section className="card stack">
            <div className="spread">
              <strong>{desk.seat.unit} · {desk.seat.post} · {desk.seat.shift} {desk.seat.role}</strong>
              <span className="small muted">{shanghaiTime(desk.seat.startsAt)}–{shanghaiTime(desk.seat.endsAt)}</span>
            </div>
            <div><Link href="/duty/incidents/new">{t('newIncident')}</Link></div>
            {desk.seat.signedOnAt ? <span className="badge green" data-testid="signed-on">{t('signedOnAt', { at: time(desk.seat.signedOnAt) })}</span> : <div><SignOnButton assignmentId={desk.seat.id} /></div>}
          </section>
          {desk.incoming ? (
            <section className="card stack" aria-labelledby="incoming">
              <h2 id="incoming" style={{ margin: 0 }}>{t('incomingHandover')}</h2>
              <p className="small muted" style={{ margin: 0 }}>{desk.incoming.author} · {time(desk.incoming.createdAt)}</p>
              {desk.incoming.note ? <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{desk.incoming.note}</p> : null}
              {desk.incoming.items.length ? <ul style={{ margin: 0 }}>{desk.incoming.items.map((i, n) => <li key={n}>{i.isOpen ? <span className="badge amber">{t('itemOpen')}</span> : null} {i.text}</li>)}</ul> : null}
              {desk.incoming.acknowledgedAt ? <span className="badge green">{t('acknowledgedAt', { at: time(desk.incoming.acknowledgedAt) })}</span> : <div><AcknowledgeButton handoverId={desk.incoming.id} /></div>}
            </section>
          ) : null}
          <section className="card stack" aria-labelledby="log">
            <h2 id="log" style={{ margin: 0 }}>{t('log')}</h2>
            <LogForm />
            {desk.log.length === 0 ? <p className="muted">{t('noLog')}</p> : (
              <ul className="timeline">
                {desk.log.map((l) => <li key={l.id}><span className="badge">{t(`logKinds.${l.kind}`)}</span> <span className="small muted">{time(l.at)} {l.author}</span><div style={{ whiteSpace: 'pre-wrap' }}>{l.text}</div></li>)}
              </ul>
            )}
          </section>
          <section className="card stack" aria-labelledby="handover">
            <h2 id="handover" style={{ margin: 0 }}>{t('handover')}</h2>
            {desk.written ? (
              <p style={{ margin: 0 }}><span className="badge green">{t('handoverWritten')}</span> {desk.written.acknowledgedAt ? t('acknowledgedAt', { at: time(desk.written.acknowledgedAt) }) : null}</p>
            ) : (
              <>
                {desk.carried.length ? <p className="small muted" style={{ margin: 0 }}>{t('carried')}</p> : null}
                <HandoverForm carried={desk.carried} />
              </>
            )}
          </section>
        </>
      )}
    </div>
  )
}
