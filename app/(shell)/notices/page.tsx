import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { listSentNotices, noticePolicy } from '@/server/notices/index.ts'
import { requireActor } from '../../lib/session.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('notices'))('title') }
}

export default async function NoticesPage() {
  const actor = await requireActor()
  const t = await getTranslations('notices')
  const format = await getFormatter()
  const sent = await listSentNotices(db(), actor)
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        {noticePolicy.maySend(actor) ? <Link className="button" href="/notices/new">{t('new')}</Link> : null}
      </div>
      <section className="card">
        <h2>{t('sent')}</h2>
        {sent.length === 0 ? <p className="muted">{t('noneSent')}</p> : (
          <ul className="inbox-list">
            {sent.map((n) => (
              <li key={n.id}>
                <Link href={`/notices/${n.id}`} className="inbox-row">
                  <span className="inbox-main">
                    <span className="inbox-title">{n.title}</span>
                    <span className="small muted">{format.dateTime(n.createdAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</span>
                    <span className="progress" aria-hidden="true"><span style={{ width: `${n.recipients ? (100 * n.confirmed) / n.recipients : 0}%` }} /></span>
                  </span>
                  <span className="inbox-side small">{t('recipientsRead', { read: n.read, total: n.recipients })} · {t('recipientsConfirmed', { confirmed: n.confirmed })}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
