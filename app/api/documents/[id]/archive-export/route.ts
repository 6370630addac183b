import { db } from '@/server/core/db/index.ts'
import { exportArchive } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 归档包: one zip with the sealed PDF, the processing sheet, the attachments and metadata.json. */
export const GET = endpoint({}, async ({ actor, context, params }) => {
  const archive = await exportArchive(db(), actor, params.id!, context)
  return new Response(archive.zip as BodyInit, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="archive.zip"; filename*=UTF-8''${encodeURIComponent(archive.fileName)}`,
      'cache-control': 'private, no-store',
    },
  })
})
