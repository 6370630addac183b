import { db } from '@/server/core/db/index.ts'
import { messageReceipts } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor, params }) => messageReceipts(db(), actor, params.id!))
