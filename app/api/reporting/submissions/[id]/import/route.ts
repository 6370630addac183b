import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { importSubmission } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

const MAX_BYTES = 5 * 1024 * 1024

/** A filled workbook (`file`, with the draft's `revision`) becomes the unit's draft; bad cells come back by row and column. */
export const POST = endpoint({ maxBodyBytes: MAX_BYTES + 64 * 1024 }, async ({ request, actor, params, context }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  const revision = Number(form.get('revision'))
  if (!Number.isInteger(revision) || revision < 0) throw new AppError('validation', {}, [{ path: ['revision'], message: 'invalid' }])
  return importSubmission(db(), actor, params.id!, revision, new Uint8Array(await file.arrayBuffer()), context)
})
