import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { exportRanking, periodInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const input = z.union([z.object({ rankingId: z.uuid() }), periodInput])

/** A published ranking (`rankingId`) or the ranking for a period (`from`, `to`), as Excel. */
export const GET = endpoint({ input }, async ({ actor, input, context }) => {
  const bytes = await exportRanking(db(), actor, input, context)
  return new Response(bytes, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="ranking.xlsx"; filename*=UTF-8''${encodeURIComponent('晾晒台.xlsx')}`,
    },
  })
})
