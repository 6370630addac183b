import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { cleanSearch } from '@/server/core/text.ts'
import { appCategories, listStore, microappPolicy } from '@/server/microapps/index.ts'
import { requireActor } from '../../lib/session.ts'
import { SubmitAppForm } from './SubmitAppForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('microapps'))('storeTitle') }
}

/** 应用市场: listed apps by category and search; submit (unit administrators), review queue (platform administrator). */
export default async function StorePage({ searchParams }: { searchParams: Promise<{ q?: string; category?: string }> }) {
  const actor = await requireActor()
  const params = await searchParams
  const q = cleanSearch(params.q).slice(0, 50)
  const category = (appCategories as readonly string[]).includes(params.category ?? '') ? params.category : undefined
  const t = await getTranslations('microapps')
  const apps = await listStore(db(), { q, category })
  const href = (c?: string) => `/apps?${new URLSearchParams({ ...(q ? { q } : {}), ...(c ? { category: c } : {}) })}`
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('storeTitle')}</h1>
        {microappPolicy.mayReview(actor) ? <Link href="/apps/review">{t('reviewQueue')}</Link> : null}
      </div>
      <form className="row" action="/apps" role="search">
        <input name="q" defaultValue={q} placeholder={t('searchPlaceholder')} aria-label={t('search')} maxLength={50} style={{ flex: 1, minWidth: 0 }} />
        {category ? <input type="hidden" name="category" value={category} /> : null}
        <button type="submit">{t('search')}</button>
      </form>
      <nav className="row" aria-label={t('categories')} style={{ flexWrap: 'wrap' }}>
        <Link href={href()} className={`badge ${category ? 'gray' : 'green'}`}>{t('allCategories')}</Link>
        {appCategories.map((c) => <Link key={c} href={href(c)} className={`badge ${category === c ? 'green' : 'gray'}`}>{t(`category.${c}`)}</Link>)}
      </nav>
      {apps.length === 0 ? <p className="card muted">{t('noApps')}</p> : null}
      <div className="grid-tiles">
        {apps.map((a) => (
          <Link key={a.id} href={`/apps/${encodeURIComponent(a.id)}`} className="tile" data-testid="store-app">
            <span className="spread"><span className="tile-icon" aria-hidden="true">{a.manifest.icon}</span><span className="small muted">{t(`category.${a.category}` as never)}</span></span>
            <span className="tile-title">{a.name}</span>
            <span className="tile-desc">{a.manifest.description}</span>
          </Link>
        ))}
      </div>
      {microappPolicy.mayManageAny(actor) ? (
        <section className="card stack">
          <h2>{t('submitTitle')}</h2>
          <p className="small muted">{t('submitHelp')}</p>
          <SubmitAppForm />
        </section>
      ) : null}
    </div>
  )
}
