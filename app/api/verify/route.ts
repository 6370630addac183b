import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { MAX_VERIFY_BYTES, verifySealedPdf } from '@/server/seals/index.ts'
import { endpoint } from '../../lib/api.ts'
import { messagesFor } from '../../i18n/messages.ts'

const tooLarge = () => new AppError('seal.file_too_large', { maxMb: MAX_VERIFY_BYTES / 1024 / 1024 })

/**
 * Verify a sealed PDF (multipart field `file`). The wrapper refuses a body over the limit, declared or
 * chunked, without reading past it; the verdict carries a message in the person's language.
 */
// Multipart framing adds a little to the file; 64 KB is far more than it needs.
export const POST = endpoint({ maxBodyBytes: MAX_VERIFY_BYTES + 64 * 1024, tooLarge }, async ({ request, locale }) => {
  const form = await request.formData().catch(() => null)
  const file = form?.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  if (file.size > MAX_VERIFY_BYTES) throw tooLarge()
  const verdict = await verifySealedPdf(db(), new Uint8Array(await file.arrayBuffer()))
  const texts = messagesFor(locale).verify
  return { ...verdict, message: verdict.valid ? texts.valid : texts.reasons[verdict.reason!] }
})
