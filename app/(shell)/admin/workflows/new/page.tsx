import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { templatePolicy } from '@/server/documents/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { TemplateForm } from '../TemplateForm.tsx'
import { editorData } from '../editor-data.ts'

export default async function NewWorkflowPage() {
  const actor = await requireActor()
  if (!templatePolicy.mayManageAny(actor)) return <Forbidden />
  const t = await getTranslations('workflows')
  const data = await editorData(actor, [])
  // A scoped administrator starts on a unit of their scope ("every unit" is not theirs to choose).
  return (
    <div className="stack">
      <p><Link href="/admin/workflows">← {t('title')}</Link></p>
      <h1>{t('new')}</h1>
      <TemplateForm {...data} initial={{ name: '', direction: 'OUTGOING', kinds: [], unitId: data.mayApplyEverywhere ? null : (data.units[0]?.id ?? null), isActive: true, steps: [{ type: 'REVIEW', name: '核稿', assignee: { kind: 'DRAFTER_DIVISION_HEAD' }, completion: 'ALL', editsBody: true, optional: false }] }} />
    </div>
  )
}
