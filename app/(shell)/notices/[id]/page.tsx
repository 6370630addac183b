import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { noticeReceipts, openNotice } from '@/server/notices/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { orNotFound } from '../../../lib/errors.ts'
import { Receipts } from './Receipts.tsx'
import { ConfirmReceipt } from './ConfirmReceipt.tsx'

/**
 * Opening a notice as a recipient records that it was opened (已读); the 待阅 item clears when the
 * recipient presses 确认收到.
 */
export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const t = await getTranslations('notices')
  const tInbox = await getTranslations('inbox')
  const format = await getFormatter()
  const notice = await orNotFound(openNotice(db(), actor, id))
  return (
    <div className="stack">
      <p><Link href={notice.isSender ? '/notices' : '/inbox?view=toread'}>← {notice.isSender ? t('title') : tInbox('title')}</Link></p>
      <article className="card stack">
        <div className="spread">
          <h1 style={{ margin: 0 }}>
            {notice.urgency !== 'NORMAL' ? <span className={`badge ${notice.urgency === 'EXTRA_URGENT' ? 'red' : 'amber'}`}>{tInbox(`urgencies.${notice.urgency}`)}</span> : null} {notice.title}
          </h1>
        </div>
        <p className="small muted">{t('from', { name: notice.sender.name })} · {format.dateTime(notice.createdAt, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</p>
        <p style={{ whiteSpace: 'pre-wrap' }}>{notice.body}</p>
        {notice.myConfirmedAt ? <div className="alert success" role="status">{t('confirmedAt', { date: format.dateTime(notice.myConfirmedAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) })}</div> : null}
        {notice.isRecipient && !notice.myConfirmedAt ? <ConfirmReceipt noticeId={notice.id} /> : null}
      </article>
      {notice.isSender ? <Receipts noticeId={notice.id} initial={JSON.parse(JSON.stringify(await noticeReceipts(db(), actor, notice.id)))} /> : null}
    </div>
  )
}
