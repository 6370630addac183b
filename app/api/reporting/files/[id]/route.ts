import { db } from '@/server/core/db/index.ts'
import { contentDisposition } from '@/server/documents/index.ts'
import { getReportFile } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** An attachment of a submission, to whoever sees the submission. */
export const GET = endpoint({}, async ({ actor, params }) => {
  const file = await getReportFile(db(), actor, params.id!)
  return new Response(new Uint8Array(file.bytes), { headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.name), 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' } })
})
