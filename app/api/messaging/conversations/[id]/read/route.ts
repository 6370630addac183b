import { db } from '@/server/core/db/index.ts'
import { markRead, readInput } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: readInput }, async ({ actor, params, input }) => markRead(db(), actor, params.id!, input.seq))
