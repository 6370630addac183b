import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { isUuid } from '@/server/core/strings.ts'
import { addMaterial, MAX_MATERIAL_BYTES } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** One file (`file`), optionally for an agenda item (`agendaItemId`) and withdrawn after the meeting (`withdraw=on`). */
export const POST = endpoint({
  maxBodyBytes: MAX_MATERIAL_BYTES + 64 * 1024,
  tooLarge: () => new AppError('meeting.material_too_large'),
}, async ({ request, actor, context, params }) => {
  const form = await request.formData().catch(() => {
    throw new AppError('validation', {}, [{ path: ['file'], message: 'multipart_expected' }])
  })
  const file = form.get('file')
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: ['file'], message: 'file_required' }])
  const item = form.get('agendaItemId')
  const agendaItemId = typeof item === 'string' && item ? item : null
  if (agendaItemId && !isUuid(agendaItemId)) throw new AppError('not_found')
  return addMaterial(db(), actor, params.id!, { name: file.name, data: new Uint8Array(await file.arrayBuffer()), agendaItemId, withdrawAfterMeeting: form.get('withdraw') === 'on' }, context)
})
