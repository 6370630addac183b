import type { Db } from '../core/db/index.ts'
import { unitScopeWhere, type Actor } from '../core/authz/index.ts'
import { defaultDutySettings, effectiveDutySettings } from './settings.ts'
import { loadManagedUnit } from './policy.ts'

/**
 * The settings page: the units the actor manages duty for, and for the chosen one (else the first) the
 * settings that hold there — its own, or inherited from the unit above that set them, or the platform's.
 * A unit the actor does not manage is not found.
 */
export async function dutySettingsView(db: Db, actor: Actor, unitId?: string) {
  const units = await db.unit.findMany({
    where: { AND: [unitScopeWhere(actor, 'duty.manage'), { isActive: true }] },
    orderBy: { path: 'asc' }, select: { id: true, name: true, depth: true }, take: 500,
  })
  const chosenId = unitId ?? units[0]?.id
  if (!chosenId) return { units, unit: null }
  const unit = await loadManagedUnit(db, actor, chosenId)
  const effective = await effectiveDutySettings(db, unit)
  const from = effective.fromUnitId && effective.fromUnitId !== unit.id
    ? await db.unit.findUnique({ where: { id: effective.fromUnitId }, select: { id: true, name: true } })
    : null
  return {
    units,
    unit: { id: unit.id, name: unit.name },
    settings: effective.settings,
    /** own: the unit's own row; inherited: a unit above's; platform: nobody set any. */
    source: effective.fromUnitId === unit.id ? 'own' as const : effective.fromUnitId ? 'inherited' as const : 'platform' as const,
    inheritedFrom: from,
    revision: effective.revision,
    defaults: defaultDutySettings,
  }
}
