import { db } from '@/server/core/db/index.ts'
import { openItem, openItemInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: openItemInput }, async ({ actor, input, context, params }) => openItem(db(), actor, params.id!, input, context))
