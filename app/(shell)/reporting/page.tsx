import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { listCollections, listMySubmissions, listTemplates, reportPolicy } from '@/server/reporting/index.ts'
import { requireActor } from '../../lib/session.ts'
import { ReportingTabs } from './Tabs.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('reporting'))('title') }
}

export default async function ReportingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('reporting')
  const format = await getFormatter()
  const isCollector = reportPolicy.isCollector(actor)
  const view = (await searchParams).view === 'collections' && isCollector ? 'collections' : 'mine'
  const date = (d: Date) => format.dateTime(d, { month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' })
  if (view === 'collections') {
    const [collections, templates] = await Promise.all([listCollections(db(), actor), listTemplates(db(), actor)])
    return (
      <div className="stack">
        <div className="spread"><h1 style={{ margin: 0 }}>{t('title')}</h1><Link className="button" href="/reporting/templates/new">{t('newTemplate')}</Link></div>
        <ReportingTabs current="collections" isCollector />
        <section className="card">
          <h2>{t('collections')}</h2>
          {collections.length === 0 ? <p className="muted">{t('noCollections')}</p> : (
            <ul className="inbox-list" data-testid="collections">
              {collections.map((c) => (
                <li key={c.id}>
                  <Link href={`/reporting/collections/${c.id}`} className="inbox-row">
                    <span className="inbox-main">
                      <span className="inbox-title">{c.title}</span>
                      <span className="small muted">{t('counts', { submitted: c.submitted, total: c.total, returned: c.returned, overdue: c.overdue })}</span>
                    </span>
                    <span className="inbox-side small">{t('due', { date: date(c.deadline) })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card">
          <h2>{t('templates')}</h2>
          {templates.length === 0 ? <p className="muted">{t('noTemplates')}</p> : (
            <ul className="inbox-list" data-testid="templates">
              {templates.map((x) => (
                <li key={x.id}><Link href={`/reporting/templates/${x.id}`} className="inbox-row"><span className="inbox-main"><span className="inbox-title">{x.name}</span><span className="small muted">{t('versionN', { n: x.latest.version })}</span></span></Link></li>
              ))}
            </ul>
          )}
        </section>
      </div>
    )
  }
  const mine = await listMySubmissions(db(), actor)
  return (
    <div className="stack">
      <div className="spread"><h1 style={{ margin: 0 }}>{t('title')}</h1>{isCollector ? <Link className="button" href="/reporting/templates/new">{t('newTemplate')}</Link> : null}</div>
      <ReportingTabs current="mine" isCollector={isCollector} />
      <section className="card">
        {mine.length === 0 ? <p className="muted">{t('noneMine')}</p> : (
          <ul className="inbox-list" data-testid="my-submissions">
            {mine.map((s) => (
              <li key={s.id}>
                <Link href={`/reporting/submissions/${s.id}`} className="inbox-row">
                  <span className="inbox-main">
                    <span className="inbox-title">{s.title}</span>
                    <span className="small muted">{s.unit}{s.returnReason && s.status === 'RETURNED' ? ` · ${t('returnedBecause', { reason: s.returnReason })}` : ''}</span>
                  </span>
                  <span className="inbox-side small"><span>{t('due', { date: date(s.deadline) })}</span><span className="badge">{t(`status.${s.status as 'DRAFT'}`)}</span></span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
