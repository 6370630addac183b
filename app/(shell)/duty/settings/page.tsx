import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { cleanSearch } from '@/server/core/text.ts'
import { dutyPolicy, dutySettingsView } from '@/server/duty/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { NotFoundCard } from '../../../components/NotFoundCard.tsx'
import { DutyTabs } from '../DutyTabs.tsx'
import { DutySettingsForm } from './DutySettingsForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('settings.title') }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** 值班设置: a duty manager's scheduling settings for a unit they manage (and the units below it). */
export default async function DutySettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  if (!dutyPolicy.mayManageAnywhere(actor)) return <Forbidden />
  const t = await getTranslations('duty')
  const raw = (await searchParams).unit
  const unitId = cleanSearch(typeof raw === 'string' ? raw : '')
  if (unitId && !UUID.test(unitId)) return <NotFoundCard />
  const view = await dutySettingsView(db(), actor, unitId || undefined).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') return null
    throw error
  })
  if (!view) return <NotFoundCard />
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('settings.title')}</h1>
      <DutyTabs actor={actor} current="settings" />
      {view.units.length > 1 ? (
        <form className="card row" method="get">
          <label style={{ flex: 1, minWidth: 200 }}>{t('unit')}
            <select name="unit" defaultValue={view.unit?.id}>
              {view.units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(Math.max(0, u.depth - (view.units[0]?.depth ?? 0)))}{u.name}</option>)}
            </select>
          </label>
          <button type="submit" className="secondary">{t('settings.show')}</button>
        </form>
      ) : null}
      {view.unit ? (
        <section className="card stack">
          <h2 style={{ margin: 0 }}>{view.unit.name}</h2>
          <p className="small muted" style={{ margin: 0 }} data-testid="settings-source">
            {view.source === 'own' ? t('settings.sourceOwn') : view.source === 'inherited' ? t('settings.sourceInherited', { unit: view.inheritedFrom?.name ?? '' }) : t('settings.sourcePlatform')}
          </p>
          <DutySettingsForm key={view.unit.id} unitId={view.unit.id} revision={view.revision} initial={view.settings} defaults={view.defaults} hasOwn={view.source === 'own'} />
        </section>
      ) : <p className="card muted">{t('settings.noUnits')}</p>}
    </div>
  )
}
