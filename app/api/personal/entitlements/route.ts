import { db } from '@/server/core/db/index.ts'
import { entitlementInput, setEntitlement } from '@/server/personal/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: entitlementInput, permission: 'leave.manage' }, ({ actor, input, context }) => setEntitlement(db(), actor, input, context))
