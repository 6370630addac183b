import { db } from '@/server/core/db/index.ts'
import { searchInput, searchMessages } from '@/server/messaging/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({ input: searchInput }, async ({ actor, input }) => searchMessages(db(), actor, input))
