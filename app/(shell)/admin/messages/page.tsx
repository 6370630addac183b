import { getFormatter, getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { cleanSearch } from '@/server/core/text.ts'
import { listConversationsForAudit, mayExportConversations } from '@/server/messaging/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('messaging'))('auditTitle') }
}

/** 聊天记录导出: the auditor finds a conversation and downloads its full record (each export audited). */
export default async function MessageAuditPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requireActor()
  if (!mayExportConversations(actor)) return <Forbidden />
  const t = await getTranslations('messaging')
  const tKinds = await getTranslations('messaging.kinds')
  const format = await getFormatter()
  const q = cleanSearch((await searchParams).q).slice(0, 50)
  const rows = await listConversationsForAudit(db(), actor, q)
  return (
    <div className="stack">
      <h1>{t('auditTitle')}</h1>
      <p className="muted">{t('auditHint')} {t('retention')}</p>
      <form className="row" role="search">
        <input type="search" name="q" defaultValue={q} aria-label={t('auditSearch')} placeholder={t('auditSearch')} style={{ maxWidth: 420 }} />
        <button type="submit" className="secondary">{t('searchButton')}</button>
      </form>
      <section className="card">
        {rows.length === 0 ? <p className="muted">{t('auditNone')}</p> : (
          <ul className="inbox-list">
            {rows.map((r) => (
              <li key={r.id} className="spread" style={{ padding: '10px 4px' }}>
                <span className="stack" style={{ gap: 0 }}>
                  <strong>{r.title}</strong>
                  <span className="small muted">{tKinds(r.kind as 'DIRECT')} · {t('messagesCount', { count: r.lastSeq })}{r.lastMessageAt ? ` · ${format.dateTime(r.lastMessageAt, { year: 'numeric', month: 'numeric', day: 'numeric' })}` : ''}</span>
                </span>
                <a className="button secondary" href={`/api/messaging/conversations/${r.id}/export`} download>{t('export')}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
