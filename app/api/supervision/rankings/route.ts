import { db } from '@/server/core/db/index.ts'
import { periodInput, publishRanking } from '@/server/supervision/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Publish the ranking (晾晒台) for a period as a snapshot. */
export const POST = endpoint({ permission: 'supervision.manage', input: periodInput }, async ({ actor, input, context }) => publishRanking(db(), actor, input, context))
