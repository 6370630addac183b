import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { reportPolicy } from '@/server/reporting/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { TemplateEditor } from '../../TemplateEditor.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('reporting'))('newTemplate') }
}

export default async function NewTemplatePage() {
  const actor = await requireActor()
  if (!reportPolicy.isCollector(actor)) notFound()
  const t = await getTranslations('reporting')
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('newTemplate')}</h1>
      <p className="small muted" style={{ margin: 0 }}>{t('templateHelp')}</p>
      <TemplateEditor />
    </div>
  )
}
