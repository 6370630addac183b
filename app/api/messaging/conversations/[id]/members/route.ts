import { db } from '@/server/core/db/index.ts'
import { changeMembers, membersInput } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** Topic owners add and remove members. */
export const POST = endpoint({ input: membersInput }, async ({ actor, params, input, context }) => changeMembers(db(), actor, params.id!, input, context))
