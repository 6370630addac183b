import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { flattenTree, listUnitMembers, listUnitTree, searchPeople } from '@/server/directory/index.ts'
import { requireActor } from '../../lib/session.ts'
import { UnitTree } from './UnitTree.tsx'
import { PeopleList } from './PeopleList.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('directory'))('title') }
}

/** 通讯录: browse the unit tree, or search people by name, pinyin, initials or phone. */
export default async function DirectoryPage({ searchParams }: { searchParams: Promise<{ unit?: string; q?: string }> }) {
  await requireActor()
  const { unit: unitParam, q } = await searchParams
  const t = await getTranslations('directory')
  const tree = await listUnitTree(db())
  const units = flattenTree(tree)
  const unit = units.find((u) => u.id === unitParam) ?? (q ? undefined : units[0])
  const query = q?.trim().slice(0, 50)
  const people = query
    ? await searchPeople(db(), { query, unitId: unit?.id, limit: 50 })
    : unit ? await listUnitMembers(db(), unit.id) : []
  const heading = query ? t('resultsFor', { query }) : unit?.name ?? t('title')
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <form className="search-box" role="search" action="/directory">
        <label className="visually-hidden" htmlFor="directory-q">{t('searchLabel')}</label>
        <input id="directory-q" name="q" type="search" defaultValue={query} placeholder={t('searchPlaceholder')} autoComplete="off" />
        {unit && query ? <input type="hidden" name="unit" value={unit.id} /> : null}
      </form>
      <div className="directory">
        <section className="card unit-panel" aria-labelledby="units-heading">
          <h2 id="units-heading">{t('units')}</h2>
          <UnitTree nodes={tree} selectedId={unit?.id} hrefFor={(id) => `/directory?unit=${id}`} label={t('units')} />
        </section>
        <section className="card" aria-labelledby="people-heading">
          <div className="spread">
            <h2 id="people-heading">{heading}</h2>
            {unit?.organCode && !query ? <span className="badge">{t('organCode')}：{unit.organCode}</span> : null}
          </div>
          <PeopleList people={people} />
        </section>
      </div>
    </div>
  )
}
