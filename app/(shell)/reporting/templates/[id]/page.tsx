import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { notFound } from 'next/navigation'
import { getTemplate, reachOf } from '@/server/reporting/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { TemplateEditor } from '../../TemplateEditor.tsx'
import { fromDefinition } from '../../template-form.ts'
import { SendForm } from '../../SendForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('reporting'))('template') }
}

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const t = await getTranslations('reporting')
  const format = await getFormatter()
  const { id } = await params
  const template = await getTemplate(db(), actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound()
    throw e
  })
  const owner = await db().reportTemplate.findUniqueOrThrow({ where: { id }, select: { ownerUnitId: true } })
  const office = await db().unit.findUniqueOrThrow({ where: { id: owner.ownerUnitId }, select: { path: true } })
  const reach = reachOf(office.path)
  const root = await db().unit.findFirstOrThrow({ where: { path: reach }, select: { id: true, depth: true } })
  const units = await db().unit.findMany({ where: { path: { startsWith: reach }, depth: { gt: root.depth, lte: root.depth + 2 }, isActive: true }, orderBy: [{ path: 'asc' }], select: { id: true, name: true, depth: true, path: true, sortOrder: true } })
  return (
    <div className="stack">
      <div className="spread"><h1 style={{ margin: 0 }}>{template.name}</h1><Link href="/reporting?view=collections">{t('backToCollections')}</Link></div>
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('sendTitle', { n: template.versions[0]!.version })}</h2>
        <SendForm versionId={template.versions[0]!.id} defaultTitle={template.name} units={units.map((u) => ({ id: u.id, label: u.name, depth: u.depth - root.depth }))} rootId={root.id} />
      </section>
      <section className="card">
        <h2>{t('versions')}</h2>
        <ul className="small" data-testid="versions">
          {template.versions.map((v) => <li key={v.id}>{t('versionLine', { n: v.version, date: format.dateTime(v.createdAt, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }), collections: v.collections })}</li>)}
        </ul>
      </section>
      <details className="card">
        <summary><strong>{t('editTemplate')}</strong></summary>
        <p className="small muted">{t('editHelp')}</p>
        <TemplateEditor templateId={template.id} revision={template.revision} initialName={template.name} initial={fromDefinition(template.definition as never)} />
      </details>
    </div>
  )
}
