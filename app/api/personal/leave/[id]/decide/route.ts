import { db } from '@/server/core/db/index.ts'
import { decideLeave, decideLeaveInput } from '@/server/personal/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: decideLeaveInput }, ({ actor, input, params, context }) => decideLeave(db(), actor, params.id!, input, context))
