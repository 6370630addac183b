import { db } from '@/server/core/db/index.ts'
import { setupFirstAdmin, setupInput } from '@/server/platform/index.ts'
import { endpoint } from '../../lib/api.ts'

export const POST = endpoint({ access: 'public', input: setupInput }, async ({ input, context }) => {
  const person = await setupFirstAdmin(db(), input, context)
  return { ok: true, account: person.account }
})
