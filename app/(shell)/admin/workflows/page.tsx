import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { listTemplates, templatePolicy, type WorkflowStep } from '@/server/documents/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('workflows'))('title') }
}

export default async function WorkflowsPage() {
  const actor = await requireActor()
  if (!templatePolicy.mayManageAny(actor)) return <Forbidden />
  const t = await getTranslations('workflows')
  const tDoc = await getTranslations('documents')
  const templates = await listTemplates(db(), actor)
  const units = new Map((await db().unit.findMany({ where: { id: { in: templates.map((x) => x.unitId).filter((u): u is string => !!u) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        <Link className="button" href="/admin/workflows/new">{t('new')}</Link>
      </div>
      <p className="small muted" style={{ margin: 0 }}>{t('inFlightHint')}</p>
      {templates.map((tpl) => (
        <section key={tpl.id} className="card stack">
          <div className="spread">
            <h2 style={{ margin: 0 }}>
              <Link href={`/admin/workflows/${tpl.id}`}>{tpl.name}</Link>{' '}
              <span className="badge gray">{tDoc(`directions.${tpl.direction}`)}</span>{' '}
              {!tpl.isActive ? <span className="badge red">{t('active')} ✗</span> : null}
            </h2>
            <span className="small muted">{t('version', { version: tpl.version })}</span>
          </div>
          <p className="small muted" style={{ margin: 0 }}>
            {tpl.kinds.length ? tpl.kinds.map((k) => tDoc(`kinds.${k}`)).join('、') : t('allKinds')} · {tpl.unitId ? units.get(tpl.unitId) : t('allUnits')}
          </p>
          <ol className="route">
            {(tpl.steps as WorkflowStep[]).map((s, i) => (
              <li key={i}><strong>{s.name}</strong><span className="small muted">{t(`types.${s.type}`)} · {t(`assignees.${s.assignee.kind}`)}{s.timeLimitHours ? ` · ${s.timeLimitHours}h` : ''}{s.editsBody ? ` · ${t('editsBody')}` : ''}</span></li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  )
}
