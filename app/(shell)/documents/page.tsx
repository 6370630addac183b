import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { documentKinds, documentPolicy, listDocuments, listDocumentsInput, listToSignFor } from '@/server/documents/index.ts'
import { requireActor } from '../../lib/session.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('documents'))('title') }
}

const boxes = ['todo', 'drafts', 'done', 'all'] as const

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('documents')
  const format = await getFormatter()
  const sp = await searchParams
  // Registry entries show for registry staff anywhere; 待签收 lists only their scope's units.
  const isRegistry = documentPolicy.isRegistryAnywhere(actor)
  const view = sp.box === 'receive' && isRegistry ? 'receive' : (boxes as readonly string[]).includes(sp.box ?? '') ? sp.box! : 'todo'
  const parsed = listDocumentsInput.safeParse({ ...sp, box: view === 'receive' ? 'all' : view })
  const filter = parsed.success ? parsed.data : listDocumentsInput.parse({ box: 'todo' })
  const [list, toSignFor] = await Promise.all([
    view === 'receive' ? null : listDocuments(db(), actor, filter),
    isRegistry ? listToSignFor(db(), actor) : Promise.resolve([]),
  ])
  const years = Array.from({ length: 5 }, (_, i) => new Date().getFullYear() - i)
  const href = (patch: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries({ box: view, q: filter.q, kind: filter.kind, status: filter.status, year: filter.year, ...patch })) if (v !== undefined && v !== '') q.set(k, String(v))
    return `/documents?${q}`
  }
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        <div className="row">
          {isRegistry ? <Link className="button secondary" href="/documents/numbers">{t('numbers.link')}</Link> : null}
          {isRegistry ? <Link className="button secondary" href="/documents/incoming/new">{t('newIncoming')}</Link> : null}
          <Link className="button" href="/documents/new">{t('new')}</Link>
        </div>
      </div>
      <nav className="tabs" aria-label={t('title')}>
        {boxes.map((b) => <Link key={b} href={`/documents?box=${b}`} aria-current={view === b ? 'page' : undefined}>{t(`boxes.${b}`)}</Link>)}
        {isRegistry ? <Link href="/documents?box=receive" aria-current={view === 'receive' ? 'page' : undefined}>{t('boxes.receive')} {toSignFor.length ? <span className="nav-badge" style={{ marginLeft: 0 }}>{toSignFor.length}</span> : null}</Link> : null}
      </nav>
      {view === 'receive' ? (
        <section className="card">
          {toSignFor.length === 0 ? <p className="muted">{t('receive.none')}</p> : (
            <ul className="inbox-list">
              {toSignFor.map((d) => (
                <li key={d.id}>
                  <Link href={`/documents/receive/${d.id}`} className="inbox-row">
                    <span className="inbox-main">
                      <span className="inbox-title">{d.document.urgency !== 'NORMAL' ? <span className="badge red">{t(`urgencies.${d.document.urgency}`)}</span> : null} {d.document.title}</span>
                      <span className="small muted">{d.document.number} · {d.document.organ.name} → {d.recipientName}</span>
                    </span>
                    <span className="inbox-side small">{format.dateTime(d.sentAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <>
          <form className="row filters" action="/documents" role="search">
            <input type="hidden" name="box" value={view} />
            <label className="grow"><span className="visually-hidden">{t('search')}</span><input type="search" name="q" defaultValue={filter.q ?? ''} placeholder={t('search')} /></label>
            <label><span className="visually-hidden">{t('fields.kind')}</span>
              <select name="kind" defaultValue={filter.kind ?? ''}><option value="">{t('anyKind')}</option>{documentKinds.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}</select>
            </label>
            <label><span className="visually-hidden">{t('fields.step')}</span>
              <select name="status" defaultValue={filter.status ?? ''}><option value="">{t('anyStatus')}</option>{(['DRAFT', 'IN_PROGRESS', 'COMPLETED', 'ARCHIVED'] as const).map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}</select>
            </label>
            <label><span className="visually-hidden">{t('anyYear')}</span>
              <select name="year" defaultValue={filter.year ?? ''}><option value="">{t('anyYear')}</option>{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
            </label>
            <button type="submit" className="secondary">{t('searchButton')}</button>
          </form>
          <section className="card">
            <p className="small muted" style={{ marginTop: 0 }}>{t('total', { total: list!.total })}</p>
            {list!.rows.length === 0 ? <p className="muted">{t('none')}</p> : (
              <ul className="inbox-list">
                {list!.rows.map((d) => (
                  <li key={d.id}>
                    <Link href={`/documents/${d.id}`} className="inbox-row">
                      <span className="inbox-main">
                        <span className="inbox-title">
                          <span className="badge gray">{t(`directions.${d.direction}`)}·{t(`kinds.${d.kind}`)}</span>{' '}
                          {d.urgency !== 'NORMAL' ? <><span className="badge red">{t(`urgencies.${d.urgency}`)}</span>{' '}</> : null}
                          {d.title}
                        </span>
                        <span className="small muted">{(d.direction === 'INCOMING' ? [d.senderOrgan, d.senderNumber, d.registrationNumber] : [d.number, d.unit.name, d.createdBy.name]).filter(Boolean).join(' · ')}</span>
                      </span>
                      <span className="inbox-side small">
                        <span className={`badge ${d.status === 'IN_PROGRESS' ? 'amber' : d.status === 'DRAFT' ? 'gray' : 'green'}`}>{d.stepName ?? t(`${d.direction === 'INCOMING' ? 'incomingStatuses' : 'statuses'}.${d.status}`)}</span>
                        <span>{format.dateTime(d.updatedAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {list!.pages > 1 ? (
              <div className="row" style={{ justifyContent: 'center', marginTop: 12 }}>
                {filter.page > 1 ? <Link className="button secondary" href={href({ page: filter.page - 1 })}>‹</Link> : null}
                <span className="small muted">{filter.page} / {list!.pages}</span>
                {filter.page < list!.pages ? <Link className="button secondary" href={href({ page: filter.page + 1 })}>›</Link> : null}
              </div>
            ) : null}
          </section>
        </>
      )}
    </div>
  )
}
