import { db } from '@/server/core/db/index.ts'
import { bulkEntitlementInput, bulkSetEntitlements } from '@/server/personal/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 按单位批量设置年休假 (the leave office, for its organisation's units). */
export const POST = endpoint({ input: bulkEntitlementInput, permission: 'leave.manage' }, ({ actor, input, context }) => bulkSetEntitlements(db(), actor, input, context))
