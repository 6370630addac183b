import { db } from '@/server/core/db/index.ts'
import { submitItem, submitItemInput } from '@/server/bulletins/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** A unit sends a news item (信息) to an office. */
export const POST = endpoint({ permission: 'report.fill', input: submitItemInput }, async ({ actor, input, context }) => submitItem(db(), actor, input, context))
