import { db } from '@/server/core/db/index.ts'
import { openDirect, openDirectInput } from '@/server/messaging/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: openDirectInput }, async ({ actor, input }) => openDirect(db(), actor, input))
