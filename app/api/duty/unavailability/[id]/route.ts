import { db } from '@/server/core/db/index.ts'
import { withdrawUnavailability } from '@/server/duty/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const DELETE = endpoint({}, async ({ actor, params, context }) => withdrawUnavailability(db(), actor, params.id!, context))
