import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { callBridge, MAX_APP_FILE_BYTES } from '@/server/microapps/index.ts'
import { endpoint } from '../../../lib/api.ts'

const FORM_OVERHEAD = 64 * 1024
const fields = z.object({ appId: z.string().min(1).max(100), api: z.enum(['chooseImage', 'uploadFile']) })

/**
 * A chooseImage / uploadFile call of a micro-app, relayed by the host page as a form (`appId`, `api`,
 * `file`): the bridge's own checks (installed, scope file.upload, consent, budget, audit), then the
 * bytes' type and size (server/microapps/app-files.ts). Answers the reference the app may fetch.
 */
export const POST = endpoint({
  maxBodyBytes: MAX_APP_FILE_BYTES + FORM_OVERHEAD,
  tooLarge: () => new AppError('microapp.file_too_large', { max: '5 MB' }),
}, async ({ request, actor, context }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  const { appId, api } = fields.parse({ appId: form.get('appId'), api: form.get('api') })
  return { result: await callBridge(db(), actor, { appId, api, params: {} }, context, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }) }
})
