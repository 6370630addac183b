import { db } from '@/server/core/db/index.ts'
import { acknowledgeHandover } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The next officer acknowledges the handover. */
export const POST = endpoint({}, async ({ actor, params, context }) => acknowledgeHandover(db(), actor, params.id!, context))
