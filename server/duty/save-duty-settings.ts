import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { loadManagedUnit } from './policy.ts'
import { saveDutySettingsInput, type SaveDutySettingsInput } from './schemas.ts'
import { effectiveDutySettings } from './settings.ts'

/**
 * A duty manager sets the scheduling settings of a unit they manage (and so of the units below it that
 * have none of their own). The page's revision guards against two managers saving over each other; the
 * audit keeps the settings before and after.
 */
export async function saveDutySettings(db: Db, actor: Actor, input: SaveDutySettingsInput, context: RequestContext) {
  const f = saveDutySettingsInput.parse(input)
  const unit = await loadManagedUnit(db, actor, f.unitId)
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ revision: number }[]>`SELECT revision FROM "DutyUnitSettings" WHERE "unitId" = ${unit.id}::uuid FOR UPDATE`
    if ((locked?.revision ?? null) !== f.revision) throw new AppError('duty.settings_stale')
    const before = await effectiveDutySettings(tx, unit)
    if (!locked) {
      // Two first saves at once: FOR UPDATE locked nothing, so the insert decides — the second is stale, not a 500.
      const created = await tx.dutyUnitSettings.createMany({ data: [{ unitId: unit.id, value: f.settings, updatedById: actor.personId }], skipDuplicates: true })
      if (!created.count) throw new AppError('duty.settings_stale')
    }
    const row = locked
      ? await tx.dutyUnitSettings.update({ where: { unitId: unit.id }, data: { value: f.settings, revision: { increment: 1 }, updatedById: actor.personId } })
      : { revision: 0 }
    await recordAudit(tx, {
      actor, action: 'duty.settings_save', objectType: 'DutyUnitSettings', objectId: unit.id,
      details: { unit: unit.name, before: before.settings, inheritedFrom: before.fromUnitId === unit.id ? null : before.fromUnitId, after: f.settings }, context,
    })
    return { unitId: unit.id, revision: row.revision }
  })
}
