import { db } from '@/server/core/db/index.ts'
import { clock, shanghaiDate } from '@/server/core/clock.ts'
import { exportItems } from '@/server/supervision/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** The items the person sees, as Excel. */
export const GET = endpoint({}, async ({ actor, context }) => {
  const bytes = await exportItems(db(), actor, context)
  const date = shanghaiDate(clock.now())
  return new Response(bytes, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="supervision-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(`督办事项-${date}.xlsx`)}`,
    },
  })
})
