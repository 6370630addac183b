import { db } from '@/server/core/db/index.ts'
import { exportDirectory } from '@/server/directory/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const GET = endpoint({ permission: 'directory.export' }, async ({ actor, context }) => {
  const bytes = await exportDirectory(db(), actor, context)
  const date = new Date().toISOString().slice(0, 10)
  return new Response(bytes as BodyInit, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="directory-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(`通讯录-${date}.xlsx`)}`,
    },
  })
})
