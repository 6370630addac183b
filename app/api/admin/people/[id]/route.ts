import { db } from '@/server/core/db/index.ts'
import { personFields, updatePerson } from '@/server/directory/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PATCH = endpoint({ permission: 'person.manage', input: personFields }, async ({ input, actor, context, params }) => {
  const person = await updatePerson(db(), actor, params.id!, input, context)
  return { person: { id: person.id } }
})
