import { db } from '@/server/core/db/index.ts'
import { rateItem, rateInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: rateInput }, async ({ actor, input, context, params }) => rateItem(db(), actor, params.id!, input, context))
