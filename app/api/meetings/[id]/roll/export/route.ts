import { db } from '@/server/core/db/index.ts'
import { exportRoll } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The roll as Excel. */
export const GET = endpoint({}, async ({ actor, params, context }) => {
  const file = await exportRoll(db(), actor, params.id!, context)
  return new Response(new Uint8Array(file.buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="roll.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    },
  })
})
