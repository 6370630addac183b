import { db } from '@/server/core/db/index.ts'
import { hostControl, hostControlInput } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** Host controls: mute, grant or revoke speaking, remove, end for all. */
export const POST = endpoint({ input: hostControlInput }, async ({ actor, input, context, params }) => hostControl(db(), actor, params.id!, input, context))
