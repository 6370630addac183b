import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { getDocument } from '@/server/documents/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { PrintButton } from './PrintButton.tsx'

/** 发文稿纸 / 收文处理单: the document's metadata and every opinion in order, laid out for printing. */
export default async function SheetPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const t = await getTranslations('documents')
  const format = await getFormatter()
  const doc = await orNotFound(getDocument(db(), actor, id))
  const when = (d: Date | null) => (d ? format.dateTime(d, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '')
  const byStep = doc.steps.map((s, i) => ({ step: s, opinions: doc.opinions.filter((o) => o.stepIndex === i) })).filter((x) => x.opinions.length)
  const title = doc.direction === 'OUTGOING' ? `${doc.organ.name}发文稿纸` : `${doc.organ.name}收文处理单`
  return (
    <div className="stack">
      <p className="no-print row"><Link href={`/documents/${doc.id}`}>← {doc.title}</Link><PrintButton label={t('printSheet')} /></p>
      <article className="sheet" data-testid="sheet">
        <h1 className="sheet-title">{title}</h1>
        <table className="sheet-table">
          <tbody>
            <tr><th>{t('fields.title')}</th><td colSpan={3}>{doc.title}</td></tr>
            <tr><th>{t('fields.kind')}</th><td>{t(`kinds.${doc.kind}`)}</td><th>{t('fields.urgency')}</th><td>{t(`urgencies.${doc.urgency}`)}</td></tr>
            {doc.direction === 'OUTGOING' ? (
              <>
                <tr><th>{t('fields.number')}</th><td>{doc.number ?? ''}</td><th>{t('fields.marking')}</th><td>{t(`markings.${doc.marking}`)}</td></tr>
                <tr><th>{t('fields.unit')}</th><td>{doc.unit.name}</td><th>{t('fields.drafter')}</th><td>{doc.createdBy.name}</td></tr>
                <tr><th>{t('fields.mainRecipients')}</th><td colSpan={3}>{doc.mainRecipients}</td></tr>
                <tr><th>{t('fields.copyTo')}</th><td colSpan={3}>{doc.copyTo}</td></tr>
              </>
            ) : (
              <>
                <tr><th>{t('fields.senderOrgan')}</th><td>{doc.senderOrgan ?? ''}</td><th>{t('fields.senderNumber')}</th><td>{doc.senderNumber ?? ''}</td></tr>
                <tr><th>{t('fields.registrationNumber')}</th><td>{doc.registrationNumber ?? ''}</td><th>{t('fields.receivedAt')}</th><td>{when(doc.receivedAt)}</td></tr>
              </>
            )}
            {byStep.map(({ step, opinions }) => (
              <tr key={step.name}>
                <th>{step.name}{t('opinion').slice(-2)}</th>
                <td colSpan={3}>
                  {opinions.map((o) => (
                    <div key={o.id} className="sheet-opinion">
                      <div>{o.text}</div>
                      <div className="sheet-sign">{o.personName}{o.onBehalfOfName ? `（代${o.onBehalfOfName}）` : ''}　{when(o.createdAt)}</div>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </div>
  )
}
