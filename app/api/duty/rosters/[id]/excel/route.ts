import { db } from '@/server/core/db/index.ts'
import { exportRosterWorkbook } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The roster as an Excel grid (dates down, roles across, names with phone numbers). */
export const GET = endpoint({}, async ({ actor, params }) => {
  const { bytes, fileName } = await exportRosterWorkbook(db(), actor, params.id!)
  return new Response(bytes as BodyInit, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  })
})
