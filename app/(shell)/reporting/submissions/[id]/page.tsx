import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { loadSubmission } from '@/server/reporting/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { SubmissionForm } from '../../SubmissionForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('reporting'))('submission') }
}

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const t = await getTranslations('reporting')
  const format = await getFormatter()
  const { id } = await params
  const s = await loadSubmission(db(), actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound()
    throw e
  })
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{s.collection.title}</h1>
        {s.isOffice ? <Link href={`/reporting/collections/${s.collection.id}`}>{t('backToBoard')}</Link> : <Link href="/reporting">{t('backToMine')}</Link>}
      </div>
      <p className="small muted" style={{ margin: 0 }} data-testid="submission-meta">
        {s.unit.name} · {t('due', { date: format.dateTime(s.collection.deadline, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }) })} · <span className="badge" data-testid="submission-status">{t(`status.${s.status}`)}</span> · {t('versionN', { n: s.collection.version.version })}
      </p>
      {s.status === 'RETURNED' && s.returnReason ? <div className="alert error" data-testid="return-note">{t('returnedBecause', { reason: s.returnReason })}</div> : null}
      <SubmissionForm key={s.revision} id={s.id} definition={s.definition as never} initial={s.values as Record<string, unknown>} revision={s.revision} status={s.status} mayFill={s.mayFill} mayReview={s.mayReview} isOffice={s.isOffice} />
    </div>
  )
}
