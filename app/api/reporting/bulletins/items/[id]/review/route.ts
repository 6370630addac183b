import { db } from '@/server/core/db/index.ts'
import { reviewItem, reviewItemInput } from '@/server/bulletins/index.ts'
import { endpoint } from '../../../../../../lib/api.ts'

/** The office adopts (采用, edited, with a score) or declines an item. */
export const POST = endpoint({ input: reviewItemInput }, async ({ actor, input, context, params }) => reviewItem(db(), actor, params.id!, input, context))
