import { db } from '@/server/core/db/index.ts'
import { reserveInput, reserveNumber } from '@/server/documents/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ permission: 'document.register', input: reserveInput }, ({ input, actor, context }) => reserveNumber(db(), actor, input, context))
