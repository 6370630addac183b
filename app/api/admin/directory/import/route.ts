import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { importDirectory, MAX_IMPORT_BYTES } from '@/server/directory/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const input = z.instanceof(FormData).transform((form, ctx) => {
  const file = form.get('file')
  if (!(file instanceof File)) {
    ctx.addIssue({ code: 'custom', message: 'file is required' })
    return z.NEVER
  }
  return { file }
})

export const POST = endpoint({ permission: 'directory.import', input }, async ({ input, actor, context }) => {
  if (input.file.size > MAX_IMPORT_BYTES) throw new AppError('directory.import_file', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })
  const summary = await importDirectory(db(), actor, new Uint8Array(await input.file.arrayBuffer()), context)
  return { summary }
})
