import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { clock, shanghaiYear } from '@/server/core/clock.ts'
import { hasPermission } from '@/server/core/authz/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { cleanSearch } from '@/server/core/text.ts'
import { leaveOfficeView } from '@/server/personal/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { NotFoundCard } from '../../../../components/NotFoundCard.tsx'
import { PersonalTabs } from '../../PersonalTabs.tsx'
import { BulkEntitlementForm, EntitlementRow, LeaveRuleEditor } from './OfficeForms.tsx'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const param = (v: string | string[] | undefined) => cleanSearch(typeof v === 'string' ? v : '')

export async function generateMetadata() {
  return { title: (await getTranslations('personal'))('office.title') }
}

/** 请假管理: the leave office's entitlements, bulk setting by unit, and its organisation's approval rule. */
export default async function LeaveOfficePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  if (!hasPermission(actor, 'leave.manage')) return <Forbidden />
  const t = await getTranslations('personal')
  const q = await searchParams
  const organId = param(q.organ)
  const unitId = param(q.unit)
  const thisYear = shanghaiYear(clock.now())
  const year = /^\d{4}$/.test(param(q.year)) ? Number(param(q.year)) : thisYear
  if ((organId && !UUID.test(organId)) || (unitId && !UUID.test(unitId)) || year < 2000 || year > 2100) return <NotFoundCard />
  const view = await leaveOfficeView(db(), actor, { organId: organId || undefined, unitId: unitId || undefined, year }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') return null
    throw error
  })
  if (!view) return <NotFoundCard />
  const days = (halfDays: number) => halfDays / 2
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('office.title')}</h1>
      <PersonalTabs current="office" actor={actor} />
      {!view.organ ? <p className="card muted">{t('office.noOrgans')}</p> : (
        <>
          <form className="card form-grid" method="get" aria-label={t('office.choose')}>
            {view.organs.length > 1 ? (
              <label>{t('office.organ')}
                <select name="organ" defaultValue={view.organ.id}>{view.organs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
              </label>
            ) : <input type="hidden" name="organ" value={view.organ.id} />}
            <label>{t('office.unit')}
              <select name="unit" defaultValue={view.unitId}>
                {view.units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(Math.max(0, u.depth - (view.units[0]?.depth ?? 0)))}{u.name}</option>)}
              </select>
            </label>
            <label>{t('office.year')}
              <select name="year" defaultValue={String(year)}>{[thisYear - 1, thisYear, thisYear + 1].map((y) => <option key={y} value={y}>{y}</option>)}</select>
            </label>
            <div style={{ alignSelf: 'end' }}><button type="submit" className="secondary">{t('office.show')}</button></div>
          </form>

          <section className="card stack" aria-labelledby="entitlements">
            <h2 id="entitlements" style={{ margin: 0 }}>{t('office.entitlements', { year })}</h2>
            <p className="small muted" style={{ margin: 0 }}>{t('office.entitlementsHelp')}</p>
            {view.people.length === 0 ? <p className="muted">{t('office.noPeople')}</p> : (
              <ul className="inbox-list" data-testid="entitlement-list">
                {view.people.map((p) => (
                  <EntitlementRow key={`${p.id}:${p.revision ?? 'none'}`} year={year} person={{
                    id: p.id, name: p.name, where: `${p.unit} ${p.title}`.trim(), revision: p.revision,
                    entitled: days(p.entitledHalfDays), carried: days(p.carriedHalfDays), used: days(p.usedHalfDays), pending: days(p.pendingHalfDays), remaining: days(p.remainingHalfDays),
                  }} />
                ))}
              </ul>
            )}
            {view.isTruncated ? <p className="small muted">{t('office.truncated')}</p> : null}
          </section>

          <section className="card stack" aria-labelledby="bulk">
            <h2 id="bulk" style={{ margin: 0 }}>{t('office.bulk')}</h2>
            <p className="small muted" style={{ margin: 0 }}>{t('office.bulkHelp')}</p>
            <BulkEntitlementForm units={view.units} unitId={view.unitId} year={year} />
          </section>

          <section className="card stack" aria-labelledby="rule">
            <h2 id="rule" style={{ margin: 0 }}>{t('office.rule', { organ: view.organ.name })}</h2>
            <p className="small muted" style={{ margin: 0 }}>{view.rule.isDefault ? t('office.ruleDefault') : t('office.ruleHelp')}</p>
            <LeaveRuleEditor key={view.organ.id} organId={view.organ.id} steps={view.rule.steps} revision={view.rule.revision} />
          </section>
        </>
      )}
    </div>
  )
}
