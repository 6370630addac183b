import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { config } from '@/server/core/config.ts'
import { cleanSearch } from '@/server/core/text.ts'
import { listItems, lights, supervisionPolicy, type Light as LightName } from '@/server/supervision/index.ts'
import { requireActor } from '../../lib/session.ts'
import { Light } from './Light.tsx'
import { SupervisionTabs } from './Tabs.tsx'
import { DraftNotice } from './components/DraftNotice.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('supervision'))('title') }
}

export default async function SupervisionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('supervision')
  const format = await getFormatter()
  const params = await searchParams
  const view = params.view === 'all' ? 'all' : 'mine'
  const light = lights.includes(params.light as LightName) ? (params.light as LightName) : undefined
  const q = cleanSearch(typeof params.q === 'string' ? params.q : '').slice(0, 50) || undefined
  const items = await listItems(db(), actor, { view, light, q })
  // The office ticks items in its list for one 督办通知 covering them.
  const noticeable = view === 'all' && items.some((i) => i.mayNotice)
  const href = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(Object.entries({ view: view === 'all' ? 'all' : undefined, light, q, ...patch }).filter((e): e is [string, string] => !!e[1]))
    return `/supervision${next.size ? `?${next}` : ''}`
  }
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        {supervisionPolicy.isOfficer(actor) ? <Link className="button" href="/supervision/new">{t('new')}</Link> : null}
      </div>
      <SupervisionTabs current={view} />
      <div className="row sv-filters">
        <Link className={`chip button secondary${light ? '' : ' sv-on'}`} href={href({ light: undefined })}>{t('filterAll')}</Link>
        {lights.map((l) => (
          <Link key={l} className={`chip button secondary${light === l ? ' sv-on' : ''}`} href={href({ light: l })} aria-current={light === l ? 'true' : undefined}>
            <Light light={l} label={t(`light.${l}`)} showLabel />
          </Link>
        ))}
        <form action="/supervision" className="sv-search">
          {view === 'all' ? <input type="hidden" name="view" value="all" /> : null}
          <input name="q" type="search" defaultValue={q} placeholder={t('search')} aria-label={t('search')} maxLength={50} />
        </form>
      </div>
      <p className="small muted" style={{ margin: 0 }}>{t('lightHelp', { days: config().SUPERVISION_YELLOW_DAYS })}</p>
      <section className="card sv-list-card">
        {items.length === 0 ? <p className="muted">{view === 'mine' ? t('noneMine') : t('noneAll')}</p> : (
          <ul className="inbox-list" data-testid="supervision-items">
            {items.map((i) => (
              <li key={i.id} className={noticeable ? 'sv-pick' : undefined}>
                {noticeable ? (i.mayNotice
                  ? <input type="checkbox" form="notice-items" name="itemIds" value={i.id} aria-label={t('noticePick', { title: i.title })} data-testid="notice-pick" />
                  : <span className="sv-pick-none" />) : null}
                <Link href={`/supervision/${i.id}`} className="inbox-row sv-row">
                  <Light light={i.light} label={t(`light.${i.light}`)} />
                  <span className="inbox-main">
                    <span className="inbox-title">{i.title}</span>
                    <span className="small muted">
                      {t(`source.${i.source}`)} · {i.units.filter((u) => u.role === 'LEAD').map((u) => u.name).join('、') || t(`status.${i.status}`)}
                    </span>
                    <span className="progress" aria-label={`${t('progress')} ${i.progress}%`}><span style={{ width: `${i.progress}%` }} /></span>
                  </span>
                  <span className="inbox-side small">
                    <span>{t('due', { date: format.dateTime(i.deadline, { month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' }) })}</span>
                    <span className="badge">{t(`status.${i.status}`)}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {noticeable ? (
        <form id="notice-items" className="card stack">
          <p className="small muted" style={{ margin: 0 }}>{t('noticeListHint')}</p>
          <DraftNotice formId="notice-items" />
        </form>
      ) : null}
    </div>
  )
}
