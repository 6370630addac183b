import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { requireActor } from '../../lib/session.ts'
import { Forbidden } from '../../components/Forbidden.tsx'
import { adminSections } from './sections.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('title') }
}

export default async function AdminPage() {
  const actor = await requireActor()
  const sections = adminSections(actor)
  if (!sections.length) return <Forbidden />
  const t = await getTranslations('admin')
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <div className="grid-tiles">
        {sections.map((s) => (
          <Link key={s.key} href={s.href} className="tile">
            <span className="tile-icon" aria-hidden="true">{s.icon}</span>
            <span className="tile-title">{t(`sections.${s.key}`)}</span>
            <span className="tile-desc">{t(`sections.${s.key}Desc`)}</span>
          </Link>
        ))}
      </div>
    </div>
  )
}
