import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { flattenTree, listUnitTree } from '@/server/directory/index.ts'
import { listSeals, sealPolicy } from '@/server/seals/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { NewSealForm } from './NewSealForm.tsx'
import { SealCard } from './SealCard.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('seals'))('title') }
}

/** 电子印章: the seals of the units the administrator manages, grouped by unit; register, keys, holders. */
export default async function SealsPage() {
  const actor = await requireActor()
  if (!sealPolicy.mayManageAny(actor)) return <Forbidden />
  const t = await getTranslations('seals')
  const [seals, tree] = await Promise.all([listSeals(db(), actor), listUnitTree(db())])
  const units = flattenTree(tree).filter((u) => sealPolicy.mayManage(actor, u)).map((u) => ({ id: u.id, label: `${'　'.repeat(u.depth)}${u.name}` }))
  const byUnit = [...new Set(seals.map((s) => s.unitId))].map((unitId) => ({ unitId, unitName: seals.find((s) => s.unitId === unitId)!.unitName, seals: seals.filter((s) => s.unitId === unitId) }))
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <p className="small muted">{t('help')}</p>
      {byUnit.length === 0 ? <p className="card muted">{t('none')}</p> : null}
      {byUnit.map((group) => (
        <section key={group.unitId} className="stack" aria-label={group.unitName}>
          <h2>{group.unitName}</h2>
          {group.seals.map((seal) => (
            <SealCard key={seal.id} seal={{ ...seal, createdAt: seal.createdAt.toISOString(), updatedAt: seal.updatedAt.toISOString() }} />
          ))}
        </section>
      ))}
      <section className="card stack">
        <h2>{t('newSeal')}</h2>
        <NewSealForm units={units} />
      </section>
    </div>
  )
}
