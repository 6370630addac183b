import { db } from '@/server/core/db/index.ts'
import { publishBulletinRanking, rankingInput } from '@/server/bulletins/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** Publish the office's unit ranking over a period as a snapshot. */
export const POST = endpoint({ permission: 'report.collect', input: rankingInput }, async ({ actor, input, context }) => publishBulletinRanking(db(), actor, input, context))
