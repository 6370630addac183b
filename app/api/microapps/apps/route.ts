import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { listStore, submitApp, MAX_SCREENSHOTS, MAX_SCREENSHOT_BYTES } from '@/server/microapps/index.ts'
import { searchText } from '@/server/core/text.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({ input: z.object({ q: searchText(50).optional(), category: z.string().max(20).optional() }) }, async ({ input }) => ({ apps: await listStore(db(), input) }))

const manifestJson = z.string().max(20_000).transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    ctx.addIssue({ code: 'custom', message: 'invalid_json' })
    return z.NEVER
  }
})

/**
 * Submit an app or a new version: the manifest as JSON, or a form with `manifest` (its JSON text) and
 * up to six `screenshots` (checked by their bytes in the module). Problems are localized.
 */
export const POST = endpoint({
  permission: 'app.manage',
  maxBodyBytes: MAX_SCREENSHOTS * MAX_SCREENSHOT_BYTES + 64 * 1024,
  tooLarge: () => new AppError('microapp.file_too_large', { max: '3 MB' }),
}, async ({ request, actor, context }) => {
  if ((request.headers.get('content-type') ?? '').includes('multipart/form-data')) {
    const form = await request.formData().catch(() => {
      throw new AppError('validation', {}, [{ path: ['manifest'], message: 'multipart_expected' }])
    })
    const manifest = manifestJson.parse(form.get('manifest') ?? '')
    const files = form.getAll('screenshots').filter((f): f is File => f instanceof File && f.size > 0)
    return submitApp(db(), actor, manifest, context, await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer()))))
  }
  const manifest = await request.json().catch(() => {
    throw new AppError('validation', {}, [{ path: [], message: 'invalid_json' }])
  })
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) throw new AppError('validation', {}, [{ path: [], message: 'invalid_json' }])
  return submitApp(db(), actor, manifest, context)
})
