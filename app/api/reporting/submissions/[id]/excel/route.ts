import { db } from '@/server/core/db/index.ts'
import { submissionWorkbook } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'
import { xlsxResponse } from '../../../xlsx.ts'

/** The template as Excel, with what the unit saved so far, to fill offline. */
export const GET = endpoint({}, async ({ actor, params }) => xlsxResponse(await submissionWorkbook(db(), actor, params.id!)))
