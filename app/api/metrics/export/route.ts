import { db } from '@/server/core/db/index.ts'
import { dashboardInput, exportMetrics } from '@/server/metrics/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** The dashboard as the viewer sees it (`period`, `to`, `unitId`), as Excel; out of scope answers not found. */
export const GET = endpoint({ input: dashboardInput }, async ({ actor, input, context }) => {
  const bytes = await exportMetrics(db(), actor, input, context)
  return new Response(bytes, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="metrics.xlsx"; filename*=UTF-8''${encodeURIComponent(`运营指标-${input.period}-${input.to ?? ''}.xlsx`.replace('-.xlsx', '.xlsx'))}`,
    },
  })
})
