import { getTranslations } from 'next-intl/server'
import { requireActor, may } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { ImportForm } from './ImportForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('sections.import') }
}

export default async function ImportPage() {
  const actor = await requireActor()
  const mayImport = may(actor, 'directory.import')
  const mayExport = may(actor, 'directory.export')
  if (!mayImport && !mayExport) return <Forbidden />
  const t = await getTranslations('admin')
  return (
    <div className="stack">
      <h1>{t('sections.import')}</h1>
      {mayImport ? (
        <section className="card stack">
          <h2>{t('importTitle')}</h2>
          <p className="small muted">{t('importHelp')}</p>
          <ImportForm />
        </section>
      ) : null}
      {mayExport ? (
        <section className="card stack">
          <h2>{t('exportTitle')}</h2>
          <p className="small muted">{t('exportHelp')}</p>
          <div><a className="button secondary" href="/api/admin/directory/export" download>{t('export')}</a></div>
        </section>
      ) : null}
    </div>
  )
}
