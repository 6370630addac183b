import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { isUuid } from '@/server/core/strings.ts'
import { contentDisposition } from '@/server/documents/index.ts'
import { downloadMaterial } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** A material, for invitees only; every download is audited. */
export const GET = endpoint({}, async ({ actor, context, params }) => {
  if (!isUuid(params.materialId ?? '')) throw new AppError('not_found')
  const file = await downloadMaterial(db(), actor, params.id!, params.materialId!, context)
  return new Response(new Uint8Array(file.content), { headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.fileName), 'x-content-type-options': 'nosniff' } })
})
