import { db } from '@/server/core/db/index.ts'
import { resetDutySettings, resetDutySettingsInput, saveDutySettings, saveDutySettingsInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Set a unit's duty scheduling settings (duty.manage over that unit). */
export const PUT = endpoint({ permission: 'duty.manage', input: saveDutySettingsInput }, ({ actor, input, context }) => saveDutySettings(db(), actor, input, context))

/** Remove a unit's own settings: it follows the unit above again. */
export const DELETE = endpoint({ permission: 'duty.manage', input: resetDutySettingsInput }, ({ actor, input, context }) => resetDutySettings(db(), actor, input, context))
