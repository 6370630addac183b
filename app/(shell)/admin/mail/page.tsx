import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { listOutbox, mailPolicy } from '@/server/mail/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { RetryButton } from './RetryButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('mail'))('title') }
}

const statuses = ['PENDING', 'SENT', 'FAILED', 'HELD'] as const

/** The mail viewer: what was sent, what waits, what failed (with the error), and mail held without SMTP. */
export default async function MailPage({ searchParams }: { searchParams: Promise<{ status?: string; before?: string; q?: string }> }) {
  const actor = await requireActor()
  if (!mailPolicy.mayManageAny(actor)) return <Forbidden />
  const t = await getTranslations('mail')
  const format = await getFormatter()
  const params = await searchParams
  const status = statuses.find((s) => s === params.status)
  const before = /^[0-9a-f-]{36}$/i.test(params.before ?? '') ? params.before : undefined
  const q = typeof params.q === 'string' ? params.q.slice(0, 100) : ''
  const { mails, counts } = await listOutbox(db(), actor, { status, before, q })
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <p className="small muted">{t('help')}</p>
      <nav className="tabs" aria-label={t('title')}>
        <Link href={q ? `/admin/mail?${new URLSearchParams({ q })}` : '/admin/mail'} aria-current={!status ? 'page' : undefined}>{t('all')}</Link>
        {statuses.map((s) => (
          <Link key={s} href={`/admin/mail?${new URLSearchParams({ status: s, ...(q ? { q } : {}) })}`} aria-current={s === status ? 'page' : undefined}>
            {t(`status.${s}`)} <span className={`badge ${s === 'FAILED' ? 'red' : 'gray'}`}>{counts[s] ?? 0}</span>
          </Link>
        ))}
      </nav>
      <form className="row" role="search" action="/admin/mail">
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <input type="search" name="q" defaultValue={q} aria-label={t('search')} placeholder={t('searchPlaceholder')} style={{ flex: '1 1 14rem' }} />
        <button type="submit" className="secondary">{t('searchButton')}</button>
      </form>
      <section className="card">
        {mails.length === 0 ? <p className="muted">{t('none')}</p> : null}
        <ul className="inbox-list">
          {mails.map((m) => (
            <li key={m.id}>
              <details>
                <summary className="inbox-row" style={{ cursor: 'pointer' }}>
                  <span className="inbox-main">
                    <span className="inbox-title">{m.subject}</span>
                    <span className="small muted">{m.toAddress} · {format.dateTime(m.createdAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })} · {t('attempts')} {m.attempts}</span>
                    {m.lastError ? <span className="small" style={{ color: 'var(--danger)' }}>{t('error')}：{m.lastError}</span> : null}
                  </span>
                  <span className="inbox-side"><span className={`badge ${m.status === 'SENT' ? 'green' : m.status === 'FAILED' ? 'red' : m.status === 'HELD' ? 'gray' : 'amber'}`}>{t(`status.${m.status}`)}</span></span>
                </summary>
                <pre className="mail-text">{m.text}</pre>
                {m.status === 'FAILED' || m.status === 'HELD' ? <RetryButton mailId={m.id} /> : null}
              </details>
            </li>
          ))}
        </ul>
        {mails.length === 50 ? <p><Link href={`/admin/mail?${new URLSearchParams({ ...(status ? { status } : {}), ...(q ? { q } : {}), before: mails.at(-1)!.id })}`}>{t('older')}</Link></p> : null}
      </section>
    </div>
  )
}
