import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { formatShanghai, shanghaiDate, shanghaiTime } from '@/server/core/clock.ts'
import { getMeeting, meetingRoll, minutesRight, minutesStarted } from '@/server/meetings/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { orNotFound } from '../../../lib/errors.ts'
import { AnswerForm, CancelMeeting, MoveMeeting, NameAttendees } from './MeetingActions.tsx'
import { AgendaEditor, DecisionForm, DraftDocument, MaterialUpload } from './MeetingWork.tsx'
import { MinutesEditor, StartMinutes } from './MeetingMinutes.tsx'
import { LiveRefresh } from '../../../components/LiveRefresh.tsx'
import { organisableUnits } from '@/server/meetings/index.ts'
import { ThreadButton } from '../../messages/ThreadButton.tsx'
import { DecisionToSupervision } from '../../supervision/components/DecisionToSupervision.tsx'

export default async function MeetingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string | string[] }> }) {
  const actor = await requireActor()
  const { id } = await params
  const { tab } = await searchParams
  const t = await getTranslations('meetings')
  const view = await orNotFound(getMeeting(db(), actor, id))
  const { meeting, me } = view
  // The 纪要 tab: for those who co-edit the minutes (the managers and the chair).
  const minutes = await minutesRight(db(), actor, id)
  const onMinutes = tab === 'minutes' && !!minutes
  const roll = view.mayManage && !onMinutes ? await meetingRoll(db(), actor, id) : null
  const isOpen = meeting.status === 'SCHEDULED'
  return (
    <div className="stack">
      <p><Link href="/meetings">← {t('title')}</Link></p>
      <article className="card stack">
        <div className="spread"><h1 style={{ margin: 0 }}>{meeting.status === 'CANCELLED' ? <s>{meeting.title}</s> : meeting.title}</h1><ThreadButton object="meetings" id={meeting.id} /></div>
        {meeting.status === 'CANCELLED' ? <div className="alert" role="status">{t('cancelledNote')}</div> : null}
        <dl className="meta-grid">
          <dt>{t('time')}</dt><dd>{formatShanghai(meeting.startsAt)}–{shanghaiTime(meeting.endsAt)} <span className="small muted">（{t('beijingTime')}）</span></dd>
          <dt>{t('kind')}</dt><dd>{t(`kinds.${meeting.kind}`)}{meeting.marking !== 'NONE' ? ` · ${t(`markings.${meeting.marking}`)}` : ''}</dd>
          {meeting.location ? <><dt>{t('location')}</dt><dd>{meeting.location}{view.booking?.status === 'PENDING' ? <span className="badge amber"> {t('pendingRoom')}</span> : null}</dd></> : null}
          <dt>{t('organiser')}</dt><dd>{view.organiserUnit.name}</dd>
          <dt>{t('chair')}</dt><dd>{view.chair.name}</dd>
          {meeting.rsvpDeadline ? <><dt>{t('rsvpDeadline')}</dt><dd>{formatShanghai(meeting.rsvpDeadline)}</dd></> : null}
          {meeting.recurrence ? <><dt>{t('recurrence')}</dt><dd>{/^FREQ=WEEKLY;COUNT=\d+$/.test(meeting.recurrence) ? t('recurrenceWeekly', { count: Number(meeting.recurrence.split('=').pop()) }) : <code>{meeting.recurrence}</code>}</dd></> : null}
        </dl>
        {isOpen ? (
          <div className="row">
            {me && meeting.kind !== 'VIDEO' ? <Link className="button" href={`/meetings/${meeting.id}/check-in`}>{t('checkInLink')}</Link> : null}
            {meeting.allowVideo || meeting.kind !== 'ROOM' ? <Link className="button secondary" href={`/meetings/${meeting.id}/video`}>{t('videoJoin')}</Link> : null}
          </div>
        ) : null}
      </article>

      {minutes ? (
        <nav className="tabs" aria-label={t('tabsLabel')}>
          <Link href={`/meetings/${meeting.id}`} aria-current={onMinutes ? undefined : 'page'}>{t('tabOverview')}</Link>
          <Link href={`/meetings/${meeting.id}?tab=minutes`} aria-current={onMinutes ? 'page' : undefined}>{t('tabMinutes')}</Link>
        </nav>
      ) : null}

      {onMinutes ? (
        <section className="card stack" aria-labelledby="minutes-h">
          <h2 id="minutes-h" style={{ margin: 0 }}>{t('minutesTitle')}</h2>
          <p className="small muted">{t('minutesHelp')}</p>
          {meeting.minutesDocumentId ? (
            <div className="alert" role="status">{t('minutesIssued')} <Link href={`/documents/${meeting.minutesDocumentId}`}>{t('openMinutes')}</Link></div>
          ) : meeting.status === 'CANCELLED' ? <div className="alert" role="status">{t('minutesReadOnly')}</div> : null}
          {(await minutesStarted(db(), meeting.id))
            ? (
              <>
                <MinutesEditor meetingId={meeting.id} me={{ id: actor.personId, name: actor.name }} issued={minutes === 'read'} />
                {minutes === 'edit' && view.mayManage ? <div className="row"><DraftDocument meetingId={meeting.id} kind="minutes" documentId={null} /></div> : null}
              </>
            )
            : minutes === 'edit' ? <StartMinutes meetingId={meeting.id} /> : null}
        </section>
      ) : <>

      {me && isOpen ? (
        <section className="card stack" aria-labelledby="answer-h">
          <h2 id="answer-h" style={{ margin: 0 }}>{t('yourAnswer')}</h2>
          {me.answer !== 'PENDING' ? <p role="status">{t('answeredAs', { answer: t(`answers.${me.answer}`) })}{me.declineReason ? `（${me.declineReason}）` : ''}</p> : null}
          {me.answer !== 'SUBSTITUTE' ? <AnswerForm meetingId={meeting.id} /> : null}
        </section>
      ) : null}

      {view.units.some((u) => u.mayName) && isOpen ? (
        <section className="card stack" aria-labelledby="units-h">
          <h2 id="units-h" style={{ margin: 0 }}>{t('unitsTitle')}</h2>
          {view.units.filter((u) => u.mayName).map((u) => (
            <div key={u.id} className="stack">
              <strong>{u.name} <span className="small muted">{u.namedAt ? formatShanghai(u.namedAt) : t('unitNotNamed')} · {t('quota')} {u.quota}</span></strong>
              <NameAttendees meetingId={meeting.id} unitId={u.unitId} />
            </div>
          ))}
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="agenda-h">
        <h2 id="agenda-h" style={{ margin: 0 }}>{t('agenda')}</h2>
        {view.agenda.length ? (
          <ol className="agenda">
            {view.agenda.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong> <span className="small muted">{a.presenterName ? `${a.presenterName} · ` : ''}{t('minutesCount', { count: a.minutes })}</span>
                {view.materials.filter((m) => m.agendaItemId === a.id).map((m) => <div key={m.id} className="small"><a href={`/api/meetings/${meeting.id}/materials/${m.id}`}>📎 {m.fileName}</a></div>)}
              </li>
            ))}
          </ol>
        ) : <p className="muted small">{t('agendaNone')}</p>}
        {view.materials.filter((m) => !m.agendaItemId).length ? (
          <div className="stack">
            <strong>{t('materials')}</strong>
            {view.materials.filter((m) => !m.agendaItemId).map((m) => <a key={m.id} href={`/api/meetings/${meeting.id}/materials/${m.id}`}>📎 {m.fileName}{m.withdrawAfterMeeting ? <span className="small muted"> · {t('materialWithdraw')}</span> : null}</a>)}
          </div>
        ) : null}
        {view.mayManage && isOpen ? (
          <details>
            <summary className="button secondary" style={{ display: 'inline-flex' }}>{t('agendaEdit')}</summary>
            <AgendaEditor meetingId={meeting.id} revision={meeting.revision} items={view.agenda.map((a) => ({ title: a.title, minutes: a.minutes, presenterId: a.presenterId }))} />
            <h3>{t('materialUpload')}</h3>
            <MaterialUpload meetingId={meeting.id} agenda={view.agenda.map((a) => ({ id: a.id, title: a.title }))} />
          </details>
        ) : null}
      </section>

      {view.mayManage || view.decisions.length ? (
        <section className="card stack" aria-labelledby="decisions-h">
          <h2 id="decisions-h" style={{ margin: 0 }}>{t('decisions')}</h2>
          {view.decisions.length ? (
            <ul className="inbox-list">
              {view.decisions.map((d) => <li key={d.id} style={{ padding: '6px 0' }}>{d.text} <span className="small muted">· {d.ownerUnitName} · {t('decisionDue', { date: shanghaiDate(d.deadline) })}</span>{view.mayManage || d.supervisionItemId ? <> <DecisionToSupervision decisionId={d.id} itemId={d.supervisionItemId} /></> : null}</li>)}
            </ul>
          ) : <p className="muted small">{t('decisionsNone')}</p>}
          {view.mayManage ? <DecisionForm meetingId={meeting.id} units={(await organisableUnits(db(), actor)).map((u) => ({ id: u.id, name: u.name }))} date={shanghaiDate(meeting.endsAt)} /> : null}
        </section>
      ) : null}

      {view.mayManage ? (
        <section className="card stack" aria-labelledby="docs-h">
          <h2 id="docs-h" style={{ margin: 0 }}>{t('documents')}</h2>
          <p className="small muted">{t('documentsHelp')}</p>
          <div className="row">
            <DraftDocument meetingId={meeting.id} kind="notice" documentId={meeting.noticeDocumentId} />
            {meeting.minutesDocumentId
              ? <DraftDocument meetingId={meeting.id} kind="minutes" documentId={meeting.minutesDocumentId} />
              : <Link className="button secondary" href={`/meetings/${meeting.id}?tab=minutes`}>{t('minutesOpenTab')}</Link>}
          </div>
        </section>
      ) : null}

      {roll ? (
        <section className="card stack" aria-labelledby="roll-h">
          <div className="spread">
            <h2 id="roll-h" style={{ margin: 0 }}>{t('roll')}</h2>
            <div className="row">
              <span className="badge green" title={t('rollLive')}>● {t('rollLive')}</span>
              <LiveRefresh />
              <a className="button secondary" href={`/api/meetings/${meeting.id}/roll/export`} download>{t('export')}</a>
            </div>
          </div>
          <p className="small" role="status">{t('rollTotals', roll.totals)}</p>
          {roll.units.length ? (
            <ul className="row" style={{ listStyle: 'none', padding: 0, flexWrap: 'wrap' }}>
              {roll.units.map((u) => <li key={u.unitId} className={`badge ${u.named ? '' : 'amber'}`}>{u.name}：{u.named ? t('unitNamed', { named: u.named, quota: u.quota }) : t('unitNotNamed')}</li>)}
            </ul>
          ) : null}
          {roll.groups.map((g) => (
            <div key={g.unitId ?? 'none'} className="table-wrap">
              <table className="roll">
                <caption style={{ textAlign: 'left', fontWeight: 600 }}>{g.unitName}</caption>
                <thead><tr><th>{t('name')}</th><th>{t('answer')}</th><th>{t('reason')}</th><th>{t('for')}</th><th>{t('checkedIn')}</th></tr></thead>
                <tbody>
                  {g.rows.map((r) => (
                    <tr key={r.inviteeId}>
                      <td>{r.name}</td>
                      <td><span className={`badge ${r.answer === 'PENDING' ? 'amber' : ''}`}>{t(`answers.${r.answer}`)}</span></td>
                      <td>{r.declineReason ?? ''}</td>
                      <td>{r.substituteFor ?? ''}</td>
                      <td>{r.checkedInAt ? `${shanghaiTime(r.checkedInAt)} ${t(`attendance.${r.attendance}`)}` : t(`attendance.${r.attendance}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ) : null}

      {view.mayManage && isOpen ? (
        <section className="card stack" aria-labelledby="manage-h">
          <h2 id="manage-h" style={{ margin: 0 }}>{t('manage')}</h2>
          <MoveMeeting meetingId={meeting.id} revision={meeting.revision} date={shanghaiDate(meeting.startsAt)} start={shanghaiTime(meeting.startsAt)} end={shanghaiTime(meeting.endsAt)} />
          <CancelMeeting meetingId={meeting.id} revision={meeting.revision} />
        </section>
      ) : null}
      </>}
    </div>
  )
}
