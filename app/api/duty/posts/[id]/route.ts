import { db } from '@/server/core/db/index.ts'
import { savePost, savePostInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PUT = endpoint({ permission: 'duty.manage', input: savePostInput.omit({ id: true }), maxBodyBytes: 256 * 1024 }, async ({ actor, input, params, context }) =>
  savePost(db(), actor, { ...input, id: params.id }, context))
