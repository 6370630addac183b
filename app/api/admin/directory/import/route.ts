import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { importDirectory, MAX_IMPORT_BYTES } from '@/server/directory/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const input = z.instanceof(FormData).transform((form, ctx) => {
  const file = form.get('file')
  if (!(file instanceof File)) {
    ctx.addIssue({ code: 'custom', message: 'file_required' })
    return z.NEVER
  }
  return { file }
})

const tooLarge = () => new AppError('directory.import_file', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })

export const POST = endpoint({ permission: 'directory.import', input, maxBodyBytes: MAX_IMPORT_BYTES + 64 * 1024, tooLarge }, async ({ input, actor, context }) => {
  if (input.file.size > MAX_IMPORT_BYTES) throw tooLarge()
  const summary = await importDirectory(db(), actor, new Uint8Array(await input.file.arrayBuffer()), context)
  return { summary }
})
