import { db } from '@/server/core/db/index.ts'
import { createDelegation, delegationInput } from '@/server/documents/index.ts'
import { endpoint } from '../../lib/api.ts'

export const POST = endpoint({ input: delegationInput }, ({ input, actor, context }) => createDelegation(db(), actor, input, context))
