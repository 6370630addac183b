import { db } from '@/server/core/db/index.ts'
import { stopSeries } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({}, async ({ actor, context, params }) => stopSeries(db(), actor, params.id!, context))
