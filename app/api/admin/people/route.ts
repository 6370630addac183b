import { db } from '@/server/core/db/index.ts'
import { createPerson, createPersonInput } from '@/server/directory/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ permission: 'person.manage', input: createPersonInput }, async ({ input, actor, context }) => {
  const person = await createPerson(db(), actor, input, context)
  return { person: { id: person.id, account: person.account } }
})
