import { db } from '@/server/core/db/index.ts'
import { recordIncident, recordIncidentInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'
import { afterDutyChange } from '../push.ts'

/** 突发事件: recorded by the officer on duty; the upper duty office gets it at once. */
export const POST = endpoint({ input: recordIncidentInput }, async ({ actor, input, context }) => {
  const result = await recordIncident(db(), actor, input, context)
  await afterDutyChange(result.push)
  return { id: result.id }
})
