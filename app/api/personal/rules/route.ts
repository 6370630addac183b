import { db } from '@/server/core/db/index.ts'
import { leaveRuleInput, saveLeaveRule } from '@/server/personal/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const PUT = endpoint({ input: leaveRuleInput, permission: 'leave.manage' }, ({ actor, input, context }) => saveLeaveRule(db(), actor, input, context))
