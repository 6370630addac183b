import { db } from '@/server/core/db/index.ts'
import { leaveInput, requestLeave } from '@/server/personal/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: leaveInput }, ({ actor, input, context }) => requestLeave(db(), actor, input, context))
