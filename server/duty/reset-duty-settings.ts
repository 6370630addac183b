import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { resetDutySettingsInput } from './schemas.ts'
import { loadManagedUnit } from './policy.ts'
import type { z } from 'zod'

/** A unit's own settings are removed: it follows the unit above it again (or the platform's). Audited with what was removed. */
export async function resetDutySettings(db: Db, actor: Actor, input: z.input<typeof resetDutySettingsInput>, context: RequestContext) {
  const f = resetDutySettingsInput.parse(input)
  const unit = await loadManagedUnit(db, actor, f.unitId)
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ revision: number; value: unknown }[]>`SELECT revision, value FROM "DutyUnitSettings" WHERE "unitId" = ${unit.id}::uuid FOR UPDATE`
    if (!locked || locked.revision !== f.revision) throw new AppError('duty.settings_stale')
    await tx.dutyUnitSettings.delete({ where: { unitId: unit.id } })
    await recordAudit(tx, { actor, action: 'duty.settings_reset', objectType: 'DutyUnitSettings', objectId: unit.id, details: { unit: unit.name, removed: locked.value }, context })
    return { unitId: unit.id }
  })
}
