import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { MAX_REPORT_FILE_BYTES, uploadReportFile } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** A file for an attachment field (`file`, `fieldKey`); the draft names it afterwards. */
export const POST = endpoint({ maxBodyBytes: MAX_REPORT_FILE_BYTES + 64 * 1024 }, async ({ request, actor, params, context }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  return uploadReportFile(db(), actor, params.id!, String(form.get('fieldKey') ?? ''), file.name, new Uint8Array(await file.arrayBuffer()), context)
})
