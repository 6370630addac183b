import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { isUuid } from '@/server/core/strings.ts'
import { asDays, getLeave } from '@/server/personal/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { CancelButton, DecideForm, DelegationOffer } from '../LeaveActions.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('personal'))('detail') }
}

const statusClass: Record<string, string> = { PENDING: 'amber', APPROVED: 'green', REJECTED: 'red', CANCELLED: 'gray' }

export default async function LeaveDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const t = await getTranslations('personal')
  const format = await getFormatter()
  const { id } = await params
  if (!isUuid(id)) notFound()
  const leave = await getLeave(db(), actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'not_found') notFound()
    throw e
  })
  const when = (d: Date) => format.dateTime(d, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })
  return (
    <div className="stack">
      <Link href="/personal/leave" className="small">‹ {t('leave')}</Link>
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('detail')}</h1>
        <span className={`badge ${statusClass[leave.status]}`} data-testid="leave-status">{t(`status.${leave.status}`)}</span>
      </div>
      <section className="card">
        <dl className="meta-grid">
          <dt>{t('applicant')}</dt><dd>{leave.person.name} · {leave.organ.name}</dd>
          <dt>{t('type')}</dt><dd>{t(`types.${leave.type}`)}</dd>
          <dt>{t('period')}</dt><dd>{leave.startDate} {t(`half.${leave.startHalf}`)} – {leave.endDate} {t(`half.${leave.endHalf}`)} · <strong>{t('days', { days: asDays(leave.halfDays) })}</strong></dd>
          <dt>{t('reason')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{leave.reason}</dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="steps">
        <h2 id="steps" style={{ margin: 0 }}>{t('steps')}</h2>
        <ol className="stack" style={{ margin: 0, paddingLeft: 20 }}>
          {leave.steps.map((s, i) => (
            <li key={i}>
              <strong>{t(`roles.${s.role}`)}</strong> · {s.approverName}{' '}
              {s.decision ? (
                <span className={`badge ${s.decision.isApproved ? 'green' : 'red'}`}>{s.decision.isApproved ? t('status.APPROVED') : t('status.REJECTED')}</span>
              ) : leave.status === 'PENDING' && i === leave.stepIndex ? <span className="badge amber">{t('waiting')}</span> : null}
              {s.decision ? <div className="small muted">{when(s.decision.decidedAt)}{s.decision.comment ? ` · ${s.decision.comment}` : ''}</div> : null}
            </li>
          ))}
        </ol>
        {leave.mayDecide ? <DecideForm id={leave.id} revision={leave.revision} /> : null}
      </section>
      {leave.offersDelegation ? (
        <section className="card stack" aria-labelledby="delegation">
          <h2 id="delegation" style={{ margin: 0 }}>{t('delegate')}</h2>
          <DelegationOffer startsAt={leave.startsAt.toISOString()} endsAt={leave.endsAt.toISOString()} reason={`${t(`types.${leave.type}`)} ${leave.startDate}—${leave.endDate}`} />
        </section>
      ) : null}
      {leave.mayCancel ? <CancelButton id={leave.id} revision={leave.revision} /> : null}
    </div>
  )
}
