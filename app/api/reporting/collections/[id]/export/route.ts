import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { exportSubmissions, exportSummary } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'
import { xlsxResponse } from '../../../xlsx.ts'

const input = z.object({ what: z.enum(['summary', 'submissions']).default('summary') })

/** The summary table, or every unit's submission, as Excel (the collecting office only). */
export const GET = endpoint({ input }, async ({ actor, input, params, context }) =>
  xlsxResponse(input.what === 'summary' ? await exportSummary(db(), actor, params.id!, context) : await exportSubmissions(db(), actor, params.id!, context)))
