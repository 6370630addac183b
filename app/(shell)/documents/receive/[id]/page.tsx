import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { getDistribution } from '@/server/documents/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { SignForButton } from './SignForButton.tsx'
import { ReturnForm } from './ReturnForm.tsx'

/** A distributed document as the recipient's registry sees it: sign for it (签收), then register it. */
export default async function ReceivePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const t = await getTranslations('documents')
  const format = await getFormatter()
  const d = await orNotFound(getDistribution(db(), actor, id))
  return (
    <div className="stack">
      <p><Link href="/documents?box=receive">← {t('receive.title')}</Link></p>
      <section className="card stack">
        <div className="row">
          <span className="badge gray">{t(`kinds.${d.document.kind}`)}</span>
          {d.document.urgency !== 'NORMAL' ? <span className="badge red">{t(`urgencies.${d.document.urgency}`)}</span> : null}
          {d.isExchange ? <span className="badge">{t('exchange')}</span> : null}
        </div>
        <h1 style={{ margin: 0 }}>{d.document.title}</h1>
        <dl className="meta-grid">
          <div><dt>{t('fields.number')}</dt><dd>{d.document.number}</dd></div>
          <div><dt>{t('receive.from')}</dt><dd>{d.document.organ.name}</dd></div>
          <div><dt>{t('receive.to')}</dt><dd>{d.recipient.name}</dd></div>
          <div><dt>{t('fields.mainRecipients')}</dt><dd>{d.document.mainRecipients}</dd></div>
          <div><dt>{t('receive.sentAt')}</dt><dd>{format.dateTime(d.sentAt, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</dd></div>
        </dl>
        {d.status === 'RECALLED' ? <div className="alert info">{t('recalled')}</div> : null}
        {d.status === 'RETURNED' ? <div className="alert info" data-testid="returned">{t('receive.returned', { reason: d.returnReason ?? '' })}</div> : null}
        {d.incomingId ? <p><Link className="button" href={`/documents/${d.incomingId}`}>{t('receive.open')}</Link></p>
          : d.status === 'SENT' && d.isRecipientRegistry ? (
            <div className="stack">
              <SignForButton distributionId={d.id} label={t('receive.signFor')} />
              <ReturnForm distributionId={d.id} />
            </div>
          ) : null}
      </section>
      {/* The document as it will be received: the sender's sealed PDF, open before signing for it (pages may not be framed: X-Frame-Options). */}
      <section className="card stack" aria-label={t('receivedPdf')}>
        <div className="spread">
          <h2 style={{ margin: 0 }}>{t('receivedPdf')}</h2>
          {d.sealed ? <a href={`/api/distributions/${d.id}/pdf`} target="_blank" rel="noopener" data-testid="received-pdf">{t('receive.sealedPdf')}</a> : null}
        </div>
        {d.sealed
          ? <p className="small muted" style={{ margin: 0, overflowWrap: 'anywhere' }}>SM3 {d.sealed.sm3}</p>
          : <p className="muted small">{t('receive.noSealed')}</p>}
      </section>
    </div>
  )
}
