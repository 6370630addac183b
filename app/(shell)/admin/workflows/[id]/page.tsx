import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { getTemplate, templatePolicy, type WorkflowStep } from '@/server/documents/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { TemplateForm, type TemplateValue } from '../TemplateForm.tsx'
import { editorData } from '../editor-data.ts'

export default async function EditWorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  if (!templatePolicy.mayManageAny(actor)) return <Forbidden />
  const { id } = await params
  const t = await getTranslations('workflows')
  const tpl = await orNotFound(getTemplate(db(), actor, id))
  const steps = tpl.steps as WorkflowStep[]
  const initial: TemplateValue = { id: tpl.id, name: tpl.name, direction: tpl.direction, kinds: tpl.kinds, unitId: tpl.unitId, isActive: tpl.isActive, steps: steps as TemplateValue['steps'] }
  return (
    <div className="stack">
      <p><Link href="/admin/workflows">← {t('title')}</Link></p>
      <div className="spread"><h1 style={{ margin: 0 }}>{t('edit')}</h1><span className="small muted">{t('version', { version: tpl.version })}</span></div>
      <p className="small muted" style={{ margin: 0 }}>{t('inFlightHint')}</p>
      <TemplateForm {...await editorData(actor, steps)} initial={initial} />
    </div>
  )
}
