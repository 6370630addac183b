import { db } from '@/server/core/db/index.ts'
import { recallMessage } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** 撤回 within two minutes, by the sender. */
export const POST = endpoint({}, async ({ actor, params, context }) => recallMessage(db(), actor, params.id!, context))
