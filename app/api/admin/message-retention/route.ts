import { db } from '@/server/core/db/index.ts'
import { retentionInput, setRetention } from '@/server/messaging/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const PUT = endpoint({ permission: 'security.manage', input: retentionInput }, async ({ input, actor, context }) => ({
  retention: await setRetention(db(), actor, input, context),
}))
