import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { searchPeople } from '@/server/directory/index.ts'
import { requireActor, may } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { PeopleList } from '../../directory/PeopleList.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('sections.people') }
}

export default async function AdminPeoplePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requireActor()
  if (!may(actor, 'person.manage') && !may(actor, 'security.manage')) return <Forbidden />
  const t = await getTranslations('admin')
  const { q } = await searchParams
  const people = await searchPeople(db(), { query: q, includeInactive: true, limit: 50 })
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('sections.people')}</h1>
        {may(actor, 'person.manage') ? <Link className="button" href="/admin/people/new">{t('newPerson')}</Link> : null}
      </div>
      <form className="search-box" role="search">
        <label className="visually-hidden" htmlFor="people-q">{t('searchPeople')}</label>
        <input id="people-q" name="q" type="search" defaultValue={q} placeholder={t('searchPeople')} />
      </form>
      <section className="card"><PeopleList people={people} hrefBase="/admin/people" /></section>
    </div>
  )
}
