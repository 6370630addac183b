import { db } from '@/server/core/db/index.ts'
import { cancelLeave, cancelLeaveInput } from '@/server/personal/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: cancelLeaveInput }, ({ actor, input, params, context }) => cancelLeave(db(), actor, params.id!, input, context))
