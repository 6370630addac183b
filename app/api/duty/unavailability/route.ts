import { db } from '@/server/core/db/index.ts'
import { stateUnavailability, unavailabilityInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: unavailabilityInput }, async ({ actor, input, context }) => stateUnavailability(db(), actor, input, context))
