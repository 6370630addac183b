import { db } from '@/server/core/db/index.ts'
import { incidentReportInput, reportIncident } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'
import { afterDutyChange } from '../../../push.ts'

/** 电话报告 / 书面报告 / 续报 / 终报. */
export const POST = endpoint({ input: incidentReportInput }, async ({ actor, input, params, context }) => {
  const result = await reportIncident(db(), actor, params.id!, input, context)
  await afterDutyChange(result.push)
  return { id: result.id, revision: result.revision }
})
