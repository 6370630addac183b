import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { MAX_VERIFY_BYTES, verifySealedPdf } from '@/server/seals/index.ts'
import { endpoint } from '../../lib/api.ts'
import { messagesFor } from '../../i18n/messages.ts'

const tooLarge = () => new AppError('seal.file_too_large', { maxMb: MAX_VERIFY_BYTES / 1024 / 1024 })

/**
 * Verify a sealed PDF (multipart field `file`). The size is refused from the request's length before
 * the body is read; the verdict carries a message in the person's language.
 */
export const POST = endpoint({}, async ({ request, locale }) => {
  // Multipart framing adds a little to the file; 64 KB is far more than it needs.
  if (Number(request.headers.get('content-length') ?? 0) > MAX_VERIFY_BYTES + 64 * 1024) throw tooLarge()
  const form = await request.formData().catch(() => null)
  const file = form?.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file is required' }])
  if (file.size > MAX_VERIFY_BYTES) throw tooLarge()
  const verdict = await verifySealedPdf(db(), new Uint8Array(await file.arrayBuffer()))
  const texts = messagesFor(locale).verify
  return { ...verdict, message: verdict.valid ? texts.valid : texts.reasons[verdict.reason!] }
})
