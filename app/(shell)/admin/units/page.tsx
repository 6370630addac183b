import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { directoryPolicy, flattenTree, listUnitTree } from '@/server/directory/index.ts'
import { requireActor, may } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { UnitTree } from '../../directory/UnitTree.tsx'
import { UnitEditor } from './UnitEditor.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('sections.units') }
}

export default async function AdminUnitsPage({ searchParams }: { searchParams: Promise<{ unit?: string }> }) {
  const actor = await requireActor()
  if (!may(actor, 'unit.manage')) return <Forbidden />
  const t = await getTranslations('admin')
  const tree = await listUnitTree(db(), { includeInactive: true })
  const all = flattenTree(tree)
  const { unit: unitId } = await searchParams
  const unit = all.find((u) => u.id === unitId) ?? all[0]
  const manageable = all.filter((u) => directoryPolicy.mayManageUnit(actor, u))
  return (
    <div className="stack">
      <h1>{t('sections.units')}</h1>
      <div className="directory">
        <section className="card unit-panel">
          <UnitTree nodes={tree} selectedId={unit?.id} hrefFor={(id) => `/admin/units?unit=${id}`} label={t('sections.units')} />
        </section>
        {unit ? (
          <section className="card">
            {directoryPolicy.mayManageUnit(actor, unit) ? (
              <UnitEditor
                key={unit.id}
                unit={{ id: unit.id, name: unit.name, shortName: unit.shortName, fullName: unit.fullName, organCode: unit.organCode, kind: unit.kind, sortOrder: unit.sortOrder, isActive: unit.isActive, isRoot: !unit.parentId, parentId: unit.parentId }}
                parents={manageable.filter((u) => !u.path.startsWith(unit.path) && u.isActive).map((u) => ({ id: u.id, label: `${'　'.repeat(u.depth)}${u.name}` }))}
              />
            ) : <p className="muted">{t('unitNotManaged')}</p>}
          </section>
        ) : null}
      </div>
    </div>
  )
}
