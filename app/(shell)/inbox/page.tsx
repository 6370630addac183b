import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { clock } from '@/server/core/clock.ts'
import { defaultInboxView, inboxFacets, inboxViews, listInbox, urgencies } from '@/server/inbox/index.ts'
import { openInboxCounts, requireActor } from '../../lib/session.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('inbox'))('title') }
}

type Search = { view?: string; urgency?: string; module?: string; unit?: string; overdue?: string; q?: string; after?: string }

/** 待办 / 待阅 / 已办: what needs this person, newest first, overdue and urgent items marked. */
export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor()
  const params = await searchParams
  const t = await getTranslations('inbox')
  const format = await getFormatter()
  const urgency = urgencies.find((u) => u === params.urgency)
  const now = clock.now()
  const facets = await inboxFacets(db(), actor.personId)
  const unitId = facets.units.find((u) => u.id === params.unit)?.id
  const counts = await openInboxCounts(actor.personId)
  // The badge counts 待办 and 待阅: with nothing to do but something to read, open on 待阅.
  const view = inboxViews.find((v) => v === params.view) ?? defaultInboxView(counts)
  const [page] = await Promise.all([
    listInbox(db(), actor.personId, {
      view, urgency, unitId, module: params.module?.slice(0, 30) || undefined, q: params.q?.slice(0, 50) || undefined,
      dueBefore: params.overdue === '1' ? now : undefined, after: /^[0-9a-f-]{36}$/i.test(params.after ?? '') ? params.after : undefined,
    }),
  ])
  const query = (patch: Partial<Search>) => {
    const merged = { ...params, view, ...patch }
    return `/inbox?${new URLSearchParams(Object.entries(merged).filter(([, v]) => v) as [string, string][])}`
  }
  const countOf = { todo: counts.todo, toread: counts.toread, done: null } as const
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <nav className="tabs" aria-label={t('title')}>
        {inboxViews.map((v) => (
          <Link key={v} href={query({ view: v, after: undefined })} aria-current={v === view ? 'page' : undefined}>
            {t(`views.${v}`)}{countOf[v] ? <span className="badge red">{countOf[v]}</span> : null}
          </Link>
        ))}
      </nav>
      <form className="row filters" action="/inbox">
        <input type="hidden" name="view" value={view} />
        <label className="grow">
          <span className="visually-hidden">{t('search')}</span>
          <input name="q" type="search" defaultValue={params.q} placeholder={t('search')} />
        </label>
        <label>
          <span className="visually-hidden">{t('urgency')}</span>
          <select name="urgency" defaultValue={urgency ?? ''}>
            <option value="">{t('allUrgencies')}</option>
            {urgencies.map((u) => <option key={u} value={u}>{t(`urgencies.${u}`)}</option>)}
          </select>
        </label>
        {facets.modules.length > 1 ? (
          <label>
            <span className="visually-hidden">{t('module')}</span>
            <select name="module" defaultValue={params.module ?? ''}>
              <option value="">{t('allModules')}</option>
              {facets.modules.map((m) => <option key={m} value={m}>{t.has(`modules.${m}`) ? t(`modules.${m}` as never) : m}</option>)}
            </select>
          </label>
        ) : null}
        {facets.units.length ? (
          <label>
            <span className="visually-hidden">{t('unit')}</span>
            <select name="unit" defaultValue={unitId ?? ''}>
              <option value="">{t('allUnits')}</option>
              {facets.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </label>
        ) : null}
        <label className="check"><input type="checkbox" name="overdue" value="1" defaultChecked={params.overdue === '1'} />{t('overdueOnly')}</label>
        <button type="submit" className="secondary">{t('filter')}</button>
      </form>
      <section className="card">
        {page.items.length === 0 ? <p className="muted">{t('empty')}</p> : (
          <ul className="inbox-list">
            {page.items.map((item) => {
              const isOverdue = item.state === 'OPEN' && item.dueAt !== null && item.dueAt < now
              return (
                <li key={item.id} className={isOverdue ? 'overdue' : undefined}>
                  <Link href={item.url} className="inbox-row">
                    <span className="inbox-main">
                      <span className="inbox-title">
                        {item.urgency !== 'NORMAL' ? <span className={`badge ${item.urgency === 'EXTRA_URGENT' ? 'red' : 'amber'}`}>{t(`urgencies.${item.urgency}`)}</span> : null}{' '}
                        {item.title}
                      </span>
                      <span className="small muted">
                        {t.has(`modules.${item.module}`) ? t(`modules.${item.module}` as never) : item.module} · {item.source} · {format.dateTime(item.createdAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}
                      </span>
                    </span>
                    <span className="inbox-side small">
                      {isOverdue ? <span className="badge red">{t('overdue')}</span> : null}
                      {item.dueAt && !isOverdue && item.state === 'OPEN' ? t('dueAt', { date: format.dateTime(item.dueAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) }) : null}
                      {item.doneAt && view === 'done' ? t('doneAt', { date: format.dateTime(item.doneAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) }) : null}
                    </span>
                  </Link>
                </li>
              )
            })}
          </ul>
        )}
        {page.nextAfter ? <p><Link href={query({ after: page.nextAfter })}>{t('more')}</Link></p> : null}
      </section>
    </div>
  )
}
