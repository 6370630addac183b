import { db } from '@/server/core/db/index.ts'
import { freeBusy, freeBusyInput } from '@/server/meetings/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({ input: freeBusyInput }, async ({ actor, input }) => freeBusy(db(), actor, input))
