import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { changePassword } from '@/server/auth/index.ts'
import { endpoint } from '../../../lib/api.ts'

const input = z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) })

export const POST = endpoint({ input, allowedWhilePasswordDue: true }, async ({ input, session, context }) => {
  await changePassword(db(), { id: session!.id, personId: session!.person.id }, input, context)
  return { ok: true }
})
