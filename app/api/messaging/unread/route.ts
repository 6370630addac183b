import { db } from '@/server/core/db/index.ts'
import { unreadCounts } from '@/server/messaging/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor }) => unreadCounts(db(), actor))
