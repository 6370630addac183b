import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { unitScopeWhere } from '@/server/core/authz/index.ts'
import { bulletinViewerOf, listIssues, listItems, officesFor } from '@/server/bulletins/index.ts'
import { reportPolicy } from '@/server/reporting/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { ReportingTabs } from '../Tabs.tsx'
import { CompileIssue, ReviewItem, SubmitItemForm } from './BulletinForms.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('bulletins'))('title') }
}

export default async function BulletinsPage() {
  const actor = await requireActor()
  const t = await getTranslations('bulletins')
  const format = await getFormatter()
  const viewer = await bulletinViewerOf(db(), actor)
  const isOffice = viewer.officeUnitIds.length > 0
  const [items, issues, units] = await Promise.all([
    listItems(db(), actor),
    listIssues(db(), actor),
    viewer.unitPatterns.length ? db().unit.findMany({ where: { AND: [unitScopeWhere(actor, 'report.fill'), { isActive: true }] }, select: { id: true, name: true, path: true }, orderBy: { path: 'asc' }, take: 50 }) : Promise.resolve([]),
  ])
  const offices = units[0] ? await officesFor(db(), units[0].path) : []
  const inbound = items.filter((i) => viewer.officeUnitIds.includes(i.officeUnitId))
  const mine = items.filter((i) => !viewer.officeUnitIds.includes(i.officeUnitId))
  const date = (d: Date) => format.dateTime(d, { month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' })
  const list = (rows: typeof items, handle: boolean) => (
    <ul className="inbox-list">
      {rows.map((i) => (
        <li key={i.id} data-testid={`item-${i.title}`}>
          <div className="inbox-row" style={{ flexWrap: 'wrap' }}>
            <span className="inbox-main">
              <span className="inbox-title">{i.title}</span>
              <span className="small muted">{i.unit} · {date(i.submittedAt)}{i.issueTitle ? ` · ${i.issueTitle}` : ''}{i.status === 'ADOPTED' ? ` · ${t('points', { n: i.score })}` : ''}</span>
            </span>
            <span className="inbox-side small"><span className="badge">{t(`status.${i.status as 'SUBMITTED'}`)}</span></span>
            {handle && i.status === 'SUBMITTED' ? <div style={{ flexBasis: '100%' }}><ReviewItem id={i.id} revision={i.revision} title={i.title} body={i.body} /></div> : null}
          </div>
        </li>
      ))}
    </ul>
  )
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('title')}</h1>
      <ReportingTabs current="bulletins" isCollector={reportPolicy.isCollector(actor)} />
      {units.length && offices.length ? (
        <section className="card stack"><h2 style={{ margin: 0 }}>{t('submitTitle')}</h2><SubmitItemForm units={units.map((u) => ({ id: u.id, name: u.name }))} offices={offices} /></section>
      ) : null}
      {isOffice ? (
        <>
          <section className="card"><h2>{t('inbound')}</h2>{inbound.length ? list(inbound, true) : <p className="muted">{t('none')}</p>}</section>
          <section className="card stack">
            <h2 style={{ margin: 0 }}>{t('compileTitle')}</h2>
            <CompileIssue officeUnitId={viewer.officeUnitIds[0]!} items={inbound.filter((i) => i.status === 'ADOPTED' && !i.issueId).map((i) => ({ id: i.id, title: i.title, unit: i.unit }))} />
          </section>
          <section className="card">
            <h2>{t('issues')}</h2>
            {issues.length ? (
              <ul className="inbox-list" data-testid="issues">
                {issues.map((i) => <li key={i.id}><div className="inbox-row"><span className="inbox-main"><span className="inbox-title">{i.title}</span><span className="small muted">{t('itemsN', { n: i._count.items })}</span></span>{i.documentId ? <Link className="inbox-side small" href={`/documents/${i.documentId}`}>{t('openDocument')}</Link> : null}</div></li>)}
              </ul>
            ) : <p className="muted">{t('noIssues')}</p>}
          </section>
        </>
      ) : null}
      {mine.length || !isOffice ? <section className="card"><h2>{t('mine')}</h2>{mine.length ? list(mine, false) : <p className="muted">{t('noneMine')}</p>}</section> : null}
    </div>
  )
}
